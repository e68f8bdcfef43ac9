package io.datomize.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.datomize.catalog.Column;
import io.datomize.catalog.ColumnType;
import io.datomize.catalog.ForeignKey;
import io.datomize.catalog.Table;
import io.datomize.catalog.TableName;
import io.datomize.catalog.TypeFamily;
import io.datomize.plan.Plan;
import io.datomize.report.MigrationReport;
import io.datomize.report.StepReport;
import io.datomize.run.ErrorPolicy;
import io.datomize.spi.TargetSink;
import io.datomize.target.Attribute;
import io.datomize.testing.ForwardingTarget;
import io.datomize.testing.InMemorySource;
import io.datomize.testing.InMemoryTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * A load followed by syncs after random inserts, updates, nulls and deletes equals a fresh load of
 * the final source, and a further sync changes nothing. The schema has a nullable ref (set null
 * when its target is deleted) and a bridge collapsed into a many ref.
 */
class SyncProperties {
  private static final TableName TAGS = TableName.of("public", "tag");
  private static final TableName AUTHORS = TableName.of("public", "author");
  private static final TableName POSTS = TableName.of("public", "post");
  private static final TableName POST_TAGS = TableName.of("public", "post_tag");

  /** One change to the source; its numbers pick rows and values among those that exist. */
  record Op(int kind, int a, int b, int c) {}

  @Property(tries = 150)
  void load_then_syncs_equal_a_fresh_load(
      @ForAll("rounds") List<List<Op>> rounds,
      @ForAll @IntRange(min = 1, max = 5) int batchSize,
      @ForAll boolean identitiesOutOfOrder) {
    Source source = Source.initial();
    InMemorySource rows = source.toRows(new InMemorySource());
    Plan plan = FakeRuns.plan(rows);
    InMemoryTarget memory = new InMemoryTarget();
    // a target that gives its identities in no useful order makes the sync find deletes and bridge
    // rows by lookups rather than by merging ordered keys
    TargetSink target = identitiesOutOfOrder ? reversingIdentities(memory) : memory;
    Path runs = FakeRuns.temporaryDirectory();
    try {
      engine(plan, rows, target, runs, batchSize).start();
      int changes = 0;
      for (List<Op> round : rounds) {
        for (Op op : round) {
          changes += source.apply(op) ? 1 : 0;
        }
        source.toRows(rows);
        engine(plan, rows, target, runs, batchSize).sync();
      }
      Statistics.label("changes").collect(changes == 0 ? "none" : changes < 5 ? "few" : "many");

      InMemoryTarget fresh = new InMemoryTarget();
      engine(plan, rows, fresh, runs, batchSize).start();
      assertThat(memory.entities()).isEqualTo(fresh.entities());

      MigrationReport again = engine(plan, rows, target, runs, batchSize).sync();
      assertThat(again.steps())
          .allSatisfy(
              step -> {
                assertThat(step.datoms()).as(step.stepId()).isZero();
                assertThat(step.datomsRetracted()).as(step.stepId()).isZero();
                assertThat(step.rowsUnchanged() + step.rowsWithoutData())
                    .as(step.stepId())
                    .isEqualTo(step.rowsRead());
              });
      assertThat(again.steps().stream().mapToLong(StepReport::transactions).sum()).isZero();
    } finally {
      FakeRuns.delete(runs);
    }
  }

  private static TargetSink reversingIdentities(InMemoryTarget memory) {
    return new ForwardingTarget(memory) {
      @Override
      public Stream<Object> identityValues(Attribute identity) {
        List<Object> values = new ArrayList<>(super.identityValues(identity).toList());
        Collections.reverse(values);
        return values.stream();
      }
    };
  }

  private static MigrationRun engine(
      Plan plan, InMemorySource rows, TargetSink target, Path runs, int batchSize) {
    return FakeRuns.engine(plan, rows, target, ErrorPolicy.failFast(), runs, batchSize, 2);
  }

  @Provide
  Arbitrary<List<List<Op>>> rounds() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 50))
            .as(Op::new);
    return op.list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(3);
  }

  /** The source as maps by id, kept consistent as its foreign keys would keep it. */
  static final class Source {
    final Map<Long, String> tags = new TreeMap<>();
    final Map<Long, String> authors = new TreeMap<>();
    final Map<Long, Long> postAuthors = new TreeMap<>();
    final Map<Long, String> postTitles = new TreeMap<>();
    final TreeSet<List<Long>> postTags =
        new TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
    long nextId = 100;

    static Source initial() {
      Source s = new Source();
      for (long i = 1; i <= 3; i++) {
        s.tags.put(i, "tag " + i);
        s.authors.put(i, i == 3 ? null : "author " + i);
        s.postAuthors.put(i, i == 2 ? null : i);
        s.postTitles.put(i, "post " + i);
      }
      s.postTags.add(List.of(1L, 1L));
      s.postTags.add(List.of(1L, 2L));
      s.postTags.add(List.of(2L, 2L));
      return s;
    }

    /** Applies a change; false when it found nothing to change. */
    boolean apply(Op op) {
      switch (op.kind()) {
        case 0 -> authors.put(nextId++, op.a() % 3 == 0 ? null : "new author " + op.a());
        case 1 -> {
          Long author = pick(authors.keySet(), op.a());
          postTitles.put(nextId, op.b() % 4 == 0 ? null : "new post " + op.b());
          postAuthors.put(nextId++, op.c() % 3 == 0 ? null : author);
        }
        case 2 -> {
          Long author = pick(authors.keySet(), op.a());
          if (author == null) return false;
          authors.put(author, op.b() % 2 == 0 ? null : "renamed " + op.b());
        }
        case 3 -> {
          Long post = pick(postTitles.keySet(), op.a());
          if (post == null) return false;
          postTitles.put(post, op.b() % 3 == 0 ? null : "retitled " + op.b());
          postAuthors.put(post, op.c() % 3 == 0 ? null : pick(authors.keySet(), op.c()));
        }
        case 4 -> {
          Long author = pick(authors.keySet(), op.a());
          if (author == null) return false;
          authors.remove(author);
          postAuthors.replaceAll((post, a) -> author.equals(a) ? null : a);
        }
        case 5 -> {
          Long post = pick(postTitles.keySet(), op.a());
          if (post == null) return false;
          postTitles.remove(post);
          postAuthors.remove(post);
          postTags.removeIf(link -> link.get(0).equals(post));
        }
        case 6, 7 -> {
          Long post = pick(postTitles.keySet(), op.a());
          Long tag = pick(tags.keySet(), op.b());
          if (post == null || tag == null) return false;
          return postTags.add(List.of(post, tag));
        }
        case 8 -> {
          List<Long> link = pick(postTags, op.a());
          if (link == null) return false;
          postTags.remove(link);
        }
        default -> {
          Long tag = pick(tags.keySet(), op.a());
          if (tag == null || op.b() % 2 == 0) {
            tags.put(nextId++, "new tag " + op.b());
          } else {
            tags.remove(tag);
            postTags.removeIf(link -> link.get(1).equals(tag));
          }
        }
      }
      return true;
    }

    private static <T> T pick(java.util.Collection<T> values, int index) {
      if (values.isEmpty()) {
        return null;
      }
      return new ArrayList<>(values).get(index % values.size());
    }

    InMemorySource toRows(InMemorySource into) {
      List<Object[]> tagRows = new ArrayList<>();
      tags.forEach((id, label) -> tagRows.add(new Object[] {id, label}));
      List<Object[]> authorRows = new ArrayList<>();
      authors.forEach((id, name) -> authorRows.add(new Object[] {id, name}));
      List<Object[]> postRows = new ArrayList<>();
      postTitles.forEach(
          (id, title) -> postRows.add(new Object[] {id, postAuthors.get(id), title}));
      List<Object[]> linkRows = new ArrayList<>();
      postTags.forEach(link -> linkRows.add(new Object[] {link.get(0), link.get(1)}));
      return into.table(tag(), tagRows)
          .table(author(), authorRows)
          .table(post(), postRows)
          .table(postTag(), linkRows);
    }
  }

  static Table tag() {
    return Table.builder()
        .name(TAGS)
        .primaryKey(List.of("id"))
        .addColumns(
            column("id", TypeFamily.INTEGER, false), column("label", TypeFamily.TEXT, false))
        .build();
  }

  static Table author() {
    return Table.builder()
        .name(AUTHORS)
        .primaryKey(List.of("id"))
        .addColumns(column("id", TypeFamily.INTEGER, false), column("name", TypeFamily.TEXT, true))
        .build();
  }

  static Table post() {
    return Table.builder()
        .name(POSTS)
        .primaryKey(List.of("id"))
        .addColumns(
            column("id", TypeFamily.INTEGER, false),
            column("author_id", TypeFamily.INTEGER, true),
            column("title", TypeFamily.TEXT, true))
        .addForeignKeys(
            ForeignKey.of("post_author_fk", List.of("author_id"), AUTHORS, List.of("id")))
        .build();
  }

  static Table postTag() {
    return Table.builder()
        .name(POST_TAGS)
        .primaryKey(List.of("post_id", "tag_id"))
        .addColumns(
            column("post_id", TypeFamily.INTEGER, false),
            column("tag_id", TypeFamily.INTEGER, false))
        .addForeignKeys(
            ForeignKey.of("post_tag_post_fk", List.of("post_id"), POSTS, List.of("id")),
            ForeignKey.of("post_tag_tag_fk", List.of("tag_id"), TAGS, List.of("id")))
        .build();
  }

  private static Column column(String name, TypeFamily family, boolean nullable) {
    return Column.of(
        name, ColumnType.of(family == TypeFamily.INTEGER ? "bigint" : "text", family), nullable);
  }
}
