package io.datomize.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap a run needed: the sum of the peak usage of every heap pool since the last {@link #reset()}. Pools peak at
 * different moments, so the sum is an upper bound of the true peak; it is the same bound for every loader.
 */
final class HeapPeak {
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
      .toList();

  /** Collects garbage (so one run's leftovers do not count against the next) and restarts the peaks. */
  void reset() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  long peakBytes() {
    return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}
