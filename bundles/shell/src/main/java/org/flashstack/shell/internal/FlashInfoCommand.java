package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.osgi.framework.ServiceReference;

/** {@code flash:info <device>}: identity and geometry of one device. */
@Service
@Command(
    scope = "flash",
    name = "info",
    description = "Shows the identity and geometry of a flash device")
public class FlashInfoCommand extends FlashCommand {

  @Override
  void execute(Flash flash, ServiceReference<Flash> reference) {
    FlashIdentity identity = flash.identity();
    FlashGeometry geometry = flash.geometry();
    StringBuilder out = new StringBuilder();
    out.append(String.format("Device        %s%n", flash.name()));
    out.append(
        String.format("Driver        %s%n", reference.getProperty(DeviceProperties.DRIVER_NAME)));
    out.append(String.format("Interface     %s%n", identity.interfaceDescription()));
    out.append(
        String.format(
            "Manufacturer  0x%02x (%s)%n", identity.manufacturerId(), identity.manufacturerName()));
    out.append(String.format("Device ID     0x%04x%n", identity.deviceId()));
    out.append(
        String.format(
            "Size          %s (%d bytes)%n", ByteSizes.format(geometry.size()), geometry.size()));
    out.append(String.format("Program unit  %s%n", ByteSizes.format(geometry.programUnit())));
    out.append(
        String.format(
            "Write buffer  %s%n",
            geometry.writeBufferSize() == 0
                ? "none"
                : ByteSizes.format(geometry.writeBufferSize())));
    out.append(String.format("Erase value   0x%02x%n", geometry.eraseValue()));
    out.append(String.format("Erase blocks  %d%n", geometry.blockCount()));
    for (EraseRegion region : geometry.regions()) {
      out.append(
          String.format(
              "  0x%08x..0x%08x  %d x %s%n",
              region.offset(),
              region.end() - 1,
              region.blockCount(),
              ByteSizes.format(region.blockSize())));
    }
    SpiNorFacts.of(flash)
        .ifPresent(
            parameters ->
                SpiNorFacts.lines(parameters).forEach(line -> out.append(line).append('\n')));
    out.append(String.format("Locked blocks %s%n", lockedBlocks(flash, geometry)));
    System.out.print(out);
  }

  /** The locked blocks as index ranges, "none", or why the device cannot say. */
  private static String lockedBlocks(Flash flash, FlashGeometry geometry) {
    StringBuilder ranges = new StringBuilder();
    int index = 0;
    int runStart = -1;
    try {
      for (EraseRegion region : geometry.regions()) {
        for (int i = 0; i < region.blockCount(); i++, index++) {
          boolean locked = flash.isLocked(region.offset() + i * region.blockSize());
          if (locked && runStart < 0) {
            runStart = index;
          } else if (!locked && runStart >= 0) {
            appendRun(ranges, runStart, index - 1);
            runStart = -1;
          }
        }
      }
    } catch (FlashException e) {
      return e.error() == FlashError.NOT_SUPPORTED
          ? "the device has no block locks"
          : e.getMessage();
    }
    if (runStart >= 0) {
      appendRun(ranges, runStart, index - 1);
    }
    return ranges.length() == 0 ? "none" : ranges + " (flash:unlock to unlock)";
  }

  private static void appendRun(StringBuilder ranges, int first, int last) {
    if (ranges.length() > 0) {
      ranges.append(", ");
    }
    ranges.append(first == last ? String.valueOf(first) : first + "-" + last);
  }
}
