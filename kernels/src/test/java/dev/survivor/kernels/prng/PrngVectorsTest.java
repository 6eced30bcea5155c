package dev.survivor.kernels.prng;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors of docs/prng.md §2 (produced by the reference CPU functions). */
class PrngVectorsTest {
    private static final long SEED = 12345L;
    private static final long LARGE_SEED = 0x123456789ABCL;

    /** Unsigned decimal strings, so the 64-bit families' values ≥ 2^63 read naturally. */
    private static long[] u(String... values) {
        return Arrays.stream(values).mapToLong(v -> new BigInteger(v).longValue()).toArray();
    }

    static Stream<Arguments> skip0() {
        return Stream.of(
                Arguments.of("java_lcg", u("454757875", "3428499331", "68972694", "2852015737", "184400468")),
                Arguments.of("minstd", u("595905495", "1558181227", "1498755989", "2021244883", "887213142")),
                Arguments.of("lcg32", u("1406938949", "178066070", "1543701248", "427461576", "562845833")),
                Arguments.of("xorshift32", u("3336926330", "1697253807", "2816511904", "1955480042", "718842323")),
                Arguments.of("xorshift64", u("3387930084", "1014190203", "1691510743", "50736199", "1303054550")),
                Arguments.of("xorshift128", u("80308827", "3275432538", "1299867163", "15152140", "1328750073")),
                Arguments.of("pcg32", u("0", "1882538953", "1534987090", "1894995461", "2528358703")),
                Arguments.of("mt19937", u("3992670690", "3823185381", "1358822685", "561383553", "789925284")),
                Arguments.of("xoshiro256pp", u("4810518865347732496", "1791319405819414116",
                        "16426893429566905432", "3498788172468386474", "14166353572916321700")),
                Arguments.of("philox4x32", u("3522838145", "11954473", "1814877333", "3057540118", "2504881536")),
                Arguments.of("sfc64", u("11400714819323210831", "6376491232222815908", "17425338571189619978",
                        "16912166003264728383", "9807794092452656986")));
    }

    static Stream<Arguments> mod1000() {
        return Stream.of(
                Arguments.of("java_lcg", new int[] {875, 331, 694, 737, 468}),
                Arguments.of("minstd", new int[] {495, 227, 989, 883, 142}),
                Arguments.of("lcg32", new int[] {949, 70, 248, 576, 833}),
                Arguments.of("xorshift32", new int[] {330, 807, 904, 42, 323}),
                Arguments.of("xorshift64", new int[] {84, 203, 743, 199, 550}),
                Arguments.of("xorshift128", new int[] {827, 538, 163, 140, 73}),
                Arguments.of("pcg32", new int[] {0, 953, 90, 461, 703}),
                Arguments.of("mt19937", new int[] {690, 381, 685, 553, 284}),
                Arguments.of("xoshiro256pp", new int[] {496, 116, 432, 474, 700}),
                Arguments.of("philox4x32", new int[] {145, 473, 333, 118, 536}),
                Arguments.of("sfc64", new int[] {831, 908, 978, 383, 986}));
    }

    static Stream<Arguments> skip3() {
        return Stream.of(
                Arguments.of("java_lcg", u("2852015737", "184400468", "4272590925", "3630201202", "935117265")),
                Arguments.of("minstd", u("2021244883", "887213142", "1546689008", "808633566", "888096514")),
                Arguments.of("lcg32", u("427461576", "562845833", "1609490218", "377220791", "2040027864")),
                Arguments.of("xorshift32", u("1955480042", "718842323", "3283620450", "4285686168", "3680911160")),
                Arguments.of("xorshift64", u("50736199", "1303054550", "255297705", "2894479016", "738781384")),
                Arguments.of("xorshift128", u("15152140", "1328750073", "1426116535", "3419681202", "4071242640")),
                Arguments.of("pcg32", u("1894995461", "2528358703", "4229620947", "2267379635", "2890894899")),
                Arguments.of("mt19937", u("561383553", "789925284", "170765737", "878579710", "3549516158")),
                Arguments.of("xoshiro256pp", u("3498788172468386474", "14166353572916321700",
                        "11387569887867349942", "15319756043585536527", "16826890661265640515")),
                Arguments.of("philox4x32", u("3057540118", "2504881536", "2001297804", "87656613", "2667469288")),
                Arguments.of("sfc64", u("16912166003264728383", "9807794092452656986", "7833080585562332171",
                        "16807205872546693295", "10228143244496784491")));
    }

    static Stream<Arguments> largeSeed() {
        return Stream.of(
                Arguments.of("java_lcg", u("419617198", "1755248688", "4134577507")),
                Arguments.of("minstd", u("2043786365", "212881735", "304979290")),
                Arguments.of("lcg32", u("643207267", "371142423", "969431736")),
                Arguments.of("xorshift32", u("3771219275", "189067675", "999079712")),
                Arguments.of("xorshift64", u("4110092862", "4273155852", "4016450762")),
                Arguments.of("xorshift128", u("2541143132", "1350868522", "3737503772")),
                Arguments.of("pcg32", u("149130", "3611624612", "215899102")),
                Arguments.of("mt19937", u("2304127802", "465407210", "1478710644")),
                Arguments.of("xoshiro256pp", u("6696205949760589468", "18353634101259967702", "16426573208164107304")),
                Arguments.of("philox4x32", u("1163829020", "610213306", "4177697320")),
                Arguments.of("sfc64", u("11400734835321542354", "6376491232222815908", "17425518715174603685")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skip0")
    void seed12345Skip0(String family, long[] expected) {
        assertThat(PrngFamily.byId(family).generate(SEED, expected.length, 0)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mod1000")
    void seed12345Mod1000ThroughFillMod(String family, int[] expected) {
        PrngStream s = PrngFamily.byId(family).newStream();
        s.seed(SEED);
        int[] out = new int[expected.length + 2];
        s.fillMod(1000, out, 1, expected.length);
        assertThat(Arrays.copyOfRange(out, 1, 1 + expected.length)).containsExactly(expected);
        assertThat(out[0]).isZero();
        assertThat(out[out.length - 1]).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skip3")
    void seed12345Skip3(String family, long[] expected) {
        assertThat(PrngFamily.byId(family).generate(SEED, expected.length, 3)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeSeed")
    void largeSeedIsMaskedPerFamily(String family, long[] expected) {
        assertThat(PrngFamily.byId(family).generate(LARGE_SEED, expected.length, 0)).containsExactly(expected);
    }

    @Test
    void lowWordsOfThe64BitFamilies() {
        long[] xo = PrngFamily.XOSHIRO256PP.generate(SEED, 5, 0);
        long[] sf = PrngFamily.SFC64.generate(SEED, 5, 0);
        assertThat(Arrays.stream(xo).map(v -> v & 0xFFFFFFFFL).toArray())
                .containsExactly(3126715408L, 1059145316L, 1888001112L, 877722282L, 2621660580L);
        assertThat(Arrays.stream(sf).map(v -> v & 0xFFFFFFFFL).toArray())
                .containsExactly(2135600207L, 3658000036L, 1789627658L, 520629567L, 1590736730L);
    }

    @Test
    void edgeVectors() {
        assertThat(PrngFamily.XORSHIFT32.generate(0, 3, 0)).containsExactly(0, 0, 0);
        assertThat(PrngFamily.MINSTD.generate(0, 2, 0)).containsExactly(48271, 182605794);
        assertThat(PrngFamily.MINSTD.generate(2147483647L, 2, 0)).containsExactly(48271, 182605794);
        assertThat(PrngFamily.MT19937.generate(5489, 1, 0)).containsExactly(3499211612L);
    }

    @Test
    void mt19937CrossesTheTwistBoundary() {
        // 1300 outputs need two twists after the initial one; skip must agree across the boundary.
        long[] all = PrngFamily.MT19937.generate(SEED, 1300, 0);
        long[] tail = PrngFamily.MT19937.generate(SEED, 10, 1290);
        assertThat(tail).containsExactly(Arrays.copyOfRange(all, 1290, 1300));
    }
}
