package io.datomize.datomic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrisTest {
  @Test
  void masks_the_jdbc_user_and_password_of_a_sql_uri() {
    assertThat(
            Uris.mask(
                "datomic:sql://shop?jdbc:postgresql://db.internal:5432/datomic?user=datomic&password=s3cret"))
        .isEqualTo(
            "datomic:sql://shop?jdbc:postgresql://db.internal:5432/datomic?user=***&password=***");
  }

  @Test
  void masks_aws_keys_and_tokens_of_a_ddb_uri() {
    assertThat(
            Uris.mask(
                "datomic:ddb://us-east-1/table/shop?aws_access_key_id=AKIA1&aws_secret_key=XYZ&aws_session_token=T"))
        .isEqualTo(
            "datomic:ddb://us-east-1/table/shop?aws_access_key_id=***&aws_secret_key=***&aws_session_token=***");
  }

  @Test
  void masks_credentials_written_before_the_host() {
    assertThat(Uris.mask("datomic:sql://shop?jdbc:mysql://root:pw@localhost/datomic"))
        .isEqualTo("datomic:sql://shop?jdbc:mysql://***@localhost/datomic");
  }

  @Test
  void leaves_a_uri_without_credentials_as_it_is() {
    assertThat(Uris.mask("datomic:dev://localhost:4334/shop"))
        .isEqualTo("datomic:dev://localhost:4334/shop");
  }
}
