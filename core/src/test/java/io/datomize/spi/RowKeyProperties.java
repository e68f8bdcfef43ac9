package io.datomize.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The checkpoint form of a row key gives back every value with its type, whatever the text holds.
 */
class RowKeyProperties {
  @Property(tries = 1_000)
  void every_key_decodes_to_an_equal_key_of_the_same_types(@ForAll("keys") List<Object> values) {
    RowKey key = RowKey.of(values.toArray());

    String encoded = key.encode();
    RowKey decoded = RowKey.decode(encoded);

    assertThat(decoded).isEqualTo(key);
    for (int i = 0; i < values.size(); i++) {
      assertThat(decoded.get(i)).isInstanceOf(values.get(i).getClass());
      if (values.get(i) instanceof BigDecimal d) {
        assertThat(((BigDecimal) decoded.get(i)).scale()).isEqualTo(d.scale());
      }
    }
    assertThat(decoded.encode()).isEqualTo(encoded);
    boolean trickyText =
        values.stream()
            .anyMatch(
                v ->
                    v instanceof String s
                        && s.chars()
                            .anyMatch(
                                c ->
                                    c == ':'
                                        || Character.isDigit(c)
                                        || c == '"'
                                        || c == '\''
                                        || c > 0x7f));
    // a third of the values are strings, most of which hold one of these; keys have one to four
    // values
    Statistics.label("a string with separators, digits, quotes or non-ASCII").collect(trickyText);
    Statistics.label("a string with separators, digits, quotes or non-ASCII")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 20));
    Statistics.label("composite").collect(values.size() > 1);
    Statistics.label("composite")
        .coverage(
            coverage -> {
              coverage.check(true).percentage(p -> p > 40);
              coverage.check(false).percentage(p -> p > 10);
            });
  }

  @Property(tries = 300)
  void a_content_key_decodes_to_its_hash_and_occurrence(
      @ForAll("hashes") String hash, @ForAll @LongRange(min = 1) long occurrence) {
    RowKey key = RowKey.of(hash, occurrence);

    assertThat(RowKey.decode(key.encode())).isEqualTo(key);
    assertThat(RowKey.decode(key.encode()).values()).containsExactly(hash, occurrence);
  }

  @Example
  void a_key_has_no_null_value() {
    assertThatThrownBy(() -> RowKey.of(1L, null)).hasMessageContaining("must not be null");
  }

  /** One to four values of any type a key may hold. */
  @Provide
  Arbitrary<List<Object>> keys() {
    return value().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> hashes() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
  }

  private static Arbitrary<Object> value() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.integers().map(Object.class::cast),
            Arbitraries.shorts().map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast),
            Arbitraries.create(UUID::randomUUID).map(Object.class::cast),
            decimals().map(Object.class::cast),
            // every bit pattern: NaNs, infinities, negative zero and subnormals among them
            Arbitraries.longs().map(bits -> (Object) Double.longBitsToDouble(bits)),
            Arbitraries.integers().map(bits -> (Object) Float.intBitsToFloat(bits)),
            instants().map(Object.class::cast),
            instants()
                .map(
                    i ->
                        (Object)
                            LocalDateTime.ofEpochSecond(
                                clamp(i.getEpochSecond()), i.getNano(), ZoneOffset.UTC)),
            Arbitraries.longs()
                .between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                .map(d -> (Object) LocalDate.ofEpochDay(d)),
            Combinators.combine(instants(), Arbitraries.integers().between(-18 * 3600, 18 * 3600))
                .as(
                    (i, offset) ->
                        (Object)
                            OffsetDateTime.ofInstant(
                                Instant.ofEpochSecond(clamp(i.getEpochSecond()), i.getNano()),
                                ZoneOffset.ofTotalSeconds(offset))));
    return Arbitraries.frequencyOf(
        Tuple.of(1, strings().map(Object.class::cast)), Tuple.of(2, scalars));
  }

  /**
   * Strings of the characters an encoding could trip on (its separator, digits, type tags, quotes)
   * and any other.
   */
  private static Arbitrary<String> strings() {
    Arbitrary<Character> tricky =
        Arbitraries.of(
            ':', '0', '1', '9', 'S', 'L', 'D', '"', '\'', '\\', ',', '|', '\t', '\n', '\u0000', 'é',
            '日', '\uD83D', '\uDE00');
    return Arbitraries.frequencyOf(Tuple.of(1, tricky), Tuple.of(1, Arbitraries.chars().all()))
        .list()
        .ofMaxSize(30)
        .map(
            chars -> {
              StringBuilder out = new StringBuilder();
              chars.forEach(out::append);
              return out.toString();
            });
  }

  /** Any precision and scale, negative scales (such as 1E+3) included. */
  private static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
            Arbitraries.integers().between(-20, 40))
        .as(BigDecimal::new);
  }

  /**
   * From the first to the last instant Java has, the stand-ins of PostgreSQL's infinities included.
   */
  private static Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.longs()
                    .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond),
        Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH));
  }

  // local date-times and offset date-times span the years of LocalDate, a narrower range than
  // Instant's
  private static long clamp(long epochSecond) {
    long min = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC) + 18 * 3600;
    long max = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC) - 18 * 3600;
    return Math.max(min, Math.min(max, epochSecond));
  }
}
