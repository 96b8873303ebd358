package org.flashstack.memprog.target.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.memprog.protocol.TargetCode;
import org.flashstack.memprog.target.UnboundRegion;

/**
 * The partitions and devices up now, by name, and what an interface binding ({@code
 * partition:<name>}, {@code device:<name>}) resolves to: looked up at each START, so a partition
 * that goes and comes back (a driver swap, a board change) serves the next command.
 */
final class Regions {

  static final String PARTITION = "partition:";
  static final String DEVICE = "device:";

  private final Map<String, FlashPartition> partitions = new ConcurrentHashMap<>();
  private final Map<String, Flash> devices = new ConcurrentHashMap<>();

  void addPartition(FlashPartition partition) {
    partitions.put(partition.name(), partition);
  }

  void removePartition(FlashPartition partition) {
    partitions.remove(partition.name(), partition);
  }

  void addDevice(Flash flash) {
    devices.put(flash.name(), flash);
  }

  void removeDevice(Flash flash) {
    devices.remove(flash.name(), flash);
  }

  /**
   * @throws IllegalArgumentException if {@code binding} is neither form
   */
  static void check(String binding) {
    if (!(binding.startsWith(PARTITION) && binding.length() > PARTITION.length())
        && !(binding.startsWith(DEVICE) && binding.length() > DEVICE.length())) {
      throw new IllegalArgumentException(
          "interface binding '" + binding + "' is neither partition:<name> nor device:<name>");
    }
  }

  /**
   * @return the region {@code binding} names now, or one whose every operation fails UNBOUND
   */
  MemProgRegion resolve(String binding) {
    if (binding.startsWith(PARTITION)) {
      FlashPartition partition = partitions.get(binding.substring(PARTITION.length()));
      if (partition != null) {
        return new PartitionRegion(partition);
      }
    } else {
      Flash flash = devices.get(binding.substring(DEVICE.length()));
      if (flash != null) {
        return new DeviceRegion(flash);
      }
    }
    return new UnboundRegion(binding);
  }

  static MemProgException failure(FlashException e) {
    return new MemProgException(
        MemProgException.ERR_EXECUTION, TargetCode.FLASH_ERROR.value(), e.getMessage(), e);
  }
}
