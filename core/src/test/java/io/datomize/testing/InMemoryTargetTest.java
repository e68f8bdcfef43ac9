package io.datomize.testing;

import io.datomize.spi.TargetSink;
import io.datomize.spi.TargetSinkContract;

class InMemoryTargetTest implements TargetSinkContract {
  @Override
  public TargetSink newSink() {
    return new InMemoryTarget();
  }

  @Override
  public TargetSink reopen(TargetSink sink) {
    return ((InMemoryTarget) sink).reopen();
  }
}
