package io.datomize.examples.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap a run needed, two ways since the last {@link #reset()}:
 *
 * <ul>
 *   <li>{@link #peakBytes()}: the sum of every heap pool's peak usage. It counts garbage not yet
 *       collected, so it mostly follows the young generation's size, and pools peak at different
 *       moments: an upper bound.
 *   <li>{@link #liveBytes()}: the largest heap in use right after a collection, as the collectors
 *       report it: what the run kept reachable (a loader that holds a whole table shows here), plus
 *       old garbage not yet collected.
 * </ul>
 */
final class HeapPeak {
  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
          .toList();
  private final Set<String> heapPoolNames =
      heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
  private final AtomicLong live = new AtomicLong();

  HeapPeak() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  live.accumulateAndGet(
                      heapAfter(
                          GarbageCollectionNotificationInfo.from(
                              (CompositeData) notification.getUserData())),
                      Math::max);
                }
              },
              null,
              null);
    }
  }

  /**
   * Collects garbage (so one run's leftovers do not count against the next) and restarts both
   * peaks.
   */
  void reset() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    live.set(0);
  }

  long peakBytes() {
    return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }

  /**
   * The largest heap in use after a collection since the reset; what is in use now if nothing was
   * collected.
   */
  long liveBytes() {
    long now = heapPools.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
    return live.get() == 0 ? now : live.get();
  }

  private long heapAfter(GarbageCollectionNotificationInfo info) {
    long used = 0;
    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        MemoryUsage usage = pool.getValue();
        used += usage.getUsed();
      }
    }
    return used;
  }
}
