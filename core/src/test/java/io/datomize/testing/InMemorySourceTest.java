package io.datomize.testing;

import io.datomize.spi.RowSource;
import io.datomize.spi.RowSourceContract;

class InMemorySourceTest implements RowSourceContract {
  private static final InMemorySource SOURCE = filled();

  private static InMemorySource filled() {
    InMemorySource source = new InMemorySource();
    TABLES.forEach(table -> source.table(table, ROWS.get(table.name())));
    return source;
  }

  @Override
  public RowSource source() {
    return SOURCE;
  }
}
