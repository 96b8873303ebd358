package org.flashstack.api.flash;

import java.util.List;
import java.util.concurrent.Callable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The flash virtualizer's management side: its queues, and lending a device's hardware to a tool (a
 * trace replay) with its driver detached meanwhile.
 */
@ProviderType
public interface FlashVirtualizer {

  /**
   * @return the queue of every device that is there (and of a departed one while operations still
   *     wait for it), sorted by device name
   */
  List<DeviceQueueStatistics> queues();

  /**
   * Detaches the driver of {@code device} after the operation in flight, runs {@code work} (which
   * may claim the hardware itself), then attaches the chosen driver again. Queued operations wait
   * meanwhile, as while drivers swap.
   *
   * @throws FlashException UNAVAILABLE if there is no such device
   * @throws Exception what {@code work} throws
   */
  <T> T withDriverDetached(String device, Callable<T> work) throws Exception;
}
