package io.datomize.datomic;

import io.datomize.spi.TargetSink;
import io.datomize.spi.TargetSinkContract;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The target port's contract, on fresh in-memory Datomic databases of the one Peer of this JVM. */
class DatomicTargetSinkTest implements TargetSinkContract {
  private final Map<TargetSink, String> uris = new ConcurrentHashMap<>();

  @Override
  public TargetSink newSink() {
    String uri = "datomic:mem://contract-" + UUID.randomUUID();
    TargetSink sink = DatomicTarget.builder().uri(uri).build();
    uris.put(sink, uri);
    return sink;
  }

  @Override
  public TargetSink reopen(TargetSink sink) {
    return DatomicTarget.builder().uri(uris.get(sink)).build();
  }
}
