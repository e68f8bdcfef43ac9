package io.datomize.jdbc.internal;

import io.datomize.spi.ReadRequest;
import io.datomize.spi.RowCursor;
import io.datomize.spi.RowShape;
import io.datomize.spi.SourceRow;
import java.util.NoSuchElementException;

/** The rows of a read known to find none, such as a lookup without candidates: no query. */
public record EmptyCursor(RowShape shape) implements RowCursor {
  public static EmptyCursor of(ReadRequest request) {
    return new EmptyCursor(RowShape.of(request.table(), request.columns(), request.keyColumns()));
  }

  @Override
  public boolean hasNext() {
    return false;
  }

  @Override
  public SourceRow next() {
    throw new NoSuchElementException(shape.table() + ": a read that finds no rows");
  }

  @Override
  public void close() {}
}
