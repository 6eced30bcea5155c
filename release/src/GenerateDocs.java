import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes a bundle's bash completion (picocli AutoComplete) and one man page per command (picocli-codegen's
 * AsciiDoc, converted to troff by AsciidoctorJ) from the command classes themselves, so they always match
 * the options. Usage: {@code GenerateDocs MAIN_CLASS COMPLETION_FILE MAN1_DIR VERSION}.
 */
public final class GenerateDocs {
    public static void main(String[] args) throws Exception {
        CommandLine cl = new CommandLine(Class.forName(args[0]).getDeclaredConstructor().newInstance());
        Files.writeString(Path.of(args[1]), AutoComplete.bash("pipeline", cl));

        Path man = Path.of(args[2]);
        Path adoc = Files.createTempDirectory("pipeline-man");
        List<Path> pages = new ArrayList<>();
        collect(cl.getCommandSpec(), adoc, pages);
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (Path page : pages) {
                asciidoctor.convertFile(page.toFile(), Options.builder().backend("manpage").safe(SafeMode.UNSAFE)
                        .toDir(man.toFile()).mkDirs(true)
                        .attributes(org.asciidoctor.Attributes.builder().attribute("mansource", "survivor-pipeline")
                                .attribute("manversion", args[3]).attribute("manmanual", "Survivor Pipeline Manual")
                                .build())
                        .build());
                Files.delete(page);
            }
        }
        Files.delete(adoc);
        System.out.println("[release]   " + pages.size() + " man pages, bash completion for "
                + cl.getSubcommands().size() + " commands");
    }

    /** One AsciiDoc page per command and subcommand: pipeline.adoc, pipeline-score.adoc, pipeline-step3-generate-jobs.adoc. */
    private static void collect(CommandSpec spec, Path dir, List<Path> pages) throws Exception {
        if (spec.usageMessage().hidden() || spec.userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        Path page = dir.resolve(spec.qualifiedName("-") + ".adoc");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(page, StandardCharsets.UTF_8))) {
            ManPageGenerator.writeSingleManPage(w, spec);
        }
        pages.add(page);
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommandSpec().parent() == spec && !pages.contains(dir.resolve(sub.getCommandSpec().qualifiedName("-") + ".adoc"))) {
                collect(sub.getCommandSpec(), dir, pages);
            }
        }
    }

    private GenerateDocs() {
    }
}
