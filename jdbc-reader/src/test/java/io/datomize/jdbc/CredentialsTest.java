package io.datomize.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.datomize.catalog.TableName;
import io.datomize.jdbc.internal.Connections;
import io.datomize.spi.ReadRequest;
import io.datomize.spi.SourceException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final String URL =
      "jdbc:postgresql://localhost:1/shop?user=app&password=hunter2&ssl=false";

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void masks_passwords_in_jdbc_urls() {
    assertThat(Connections.mask(URL))
        .isEqualTo("jdbc:postgresql://localhost:1/shop?user=app&password=***&ssl=false");
    assertThat(Connections.mask("jdbc:postgresql://app:s3cret@db:5432/shop"))
        .isEqualTo("jdbc:postgresql://app:***@db:5432/shop");
    assertThat(Connections.mask("jdbc:postgresql://db/shop;PASSWORD=x;ssl=true"))
        .isEqualTo("jdbc:postgresql://db/shop;PASSWORD=***;ssl=true");
  }

  @Test
  void to_string_shows_neither_the_password_nor_the_one_in_the_url() {
    PostgresSource source =
        PostgresSource.builder().url(URL).user("app").password("s3cret").build();
    assertThat(source.toString())
        .contains("localhost:1/shop")
        .contains("app")
        .doesNotContain("s3cret")
        .doesNotContain("hunter2");
  }

  @Test
  void connection_failures_name_the_database_but_not_the_password() {
    PostgresSource source =
        PostgresSource.builder().url(URL).user("app").password("s3cret").build();
    Throwable catalog = catchThrowable(source::readSchema);
    Throwable read =
        catchThrowable(
            () ->
                source.read(
                    ReadRequest.builder()
                        .table(TableName.of("public", "t"))
                        .addColumns("id")
                        .addKeyColumns("id")
                        .build()));
    for (Throwable failure : new Throwable[] {catalog, read}) {
      assertThat(failure)
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("localhost:1/shop");
      assertThat(stackTrace(failure)).doesNotContain("s3cret").doesNotContain("hunter2");
    }
  }

  @Test
  void refuses_a_url_that_is_not_postgresql_without_showing_its_password() {
    Throwable failure =
        catchThrowable(
            () -> PostgresSource.builder().url("jdbc:mysql://db/x?password=hunter2").build());
    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void needs_exactly_one_way_to_connect() {
    assertThat(catchThrowable(() -> PostgresSource.builder().build()))
        .hasMessageContaining("got neither");
  }
}
