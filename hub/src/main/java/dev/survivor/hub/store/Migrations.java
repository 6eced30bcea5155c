package dev.survivor.hub.store;

import java.util.List;

/** Schema history: entry i brings the database from version i to i+1. Append only; never edit a released step. */
final class Migrations {
    private Migrations() { }

    static final List<List<String>> STEPS = List.of(
            List.of(
                    """
                    CREATE TABLE clients (
                      client_id TEXT PRIMARY KEY, token_name TEXT NOT NULL, role TEXT, specialization TEXT,
                      capabilities TEXT, status TEXT NOT NULL, reputation REAL NOT NULL DEFAULT 0.5,
                      successes INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,
                      first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)""",
                    """
                    CREATE TABLE shares (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL, share_id TEXT NOT NULL,
                      kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
                      UNIQUE (client_id, share_id))""",
                    """
                    CREATE TABLE collaborations (
                      collab_id TEXT PRIMARY KEY, requester TEXT NOT NULL, target TEXT NOT NULL, task TEXT NOT NULL,
                      payload TEXT, status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, note TEXT, result TEXT,
                      created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE parameters (
                      client_id TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, value TEXT NOT NULL,
                      updated_at TEXT NOT NULL, PRIMARY KEY (client_id, name))""",
                    """
                    CREATE TABLE parameter_changes (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL, name TEXT NOT NULL,
                      old_value TEXT, new_value TEXT NOT NULL, requested_by TEXT NOT NULL,
                      requested_at TEXT NOT NULL, status TEXT NOT NULL, value_in_force TEXT, reason TEXT,
                      acknowledged_at TEXT)""",
                    """
                    CREATE TABLE events (
                      id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, client_id TEXT,
                      detail TEXT)""",
                    "CREATE INDEX events_at ON events (at)",
                    "CREATE INDEX shares_kind ON shares (kind)"));

    static int latest() {
        return STEPS.size();
    }
}
