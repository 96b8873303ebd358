package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.media.FlashMediaView;
import org.flashstack.api.media.MediaStatistics;
import org.osgi.framework.BundleContext;

/**
 * {@code media:stats [--blocks] <device>}: where a device's cells live, the operation counters
 * since they were opened, and the wear (erase counts) per sector.
 */
@Service
@Command(
    scope = "media",
    name = "stats",
    description = "Shows a device's media: backing, operation counters and erase counts per sector")
public class MediaStatsCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Device name", required = true)
  @Completion(MediaDeviceCompleter.class)
  String device;

  @Option(
      name = "--blocks",
      aliases = "-b",
      description = "List the erase count of every sector, not only the erased ones")
  boolean allBlocks;

  @Option(name = "--no-format", description = "Plain block table, for scripts")
  boolean noFormat;

  @Override
  void run() throws Exception {
    try (Services.Held<FlashMediaView> held =
        Services.byName(context, FlashMediaView.class, device, "device media")) {
      FlashMediaView media = held.get();
      MediaStatistics stats = media.statistics();
      long total = 0;
      long most = 0;
      for (int sector = 0; sector < media.sectorCount(); sector++) {
        total += media.eraseCount(sector);
        most = Math.max(most, media.eraseCount(sector));
      }
      System.out.printf("Media         %s%n", media.description());
      for (String note : media.notes()) {
        System.out.printf("Note          %s%n", note);
      }
      System.out.printf(
          "Geometry      %s, erase value 0x%02x%s%n",
          media.sectors().stream()
              .map(r -> r.blockCount() + " sectors of " + ByteSizes.format(r.blockSize()))
              .collect(java.util.stream.Collectors.joining(", ")),
          media.eraseValue(),
          media.isReadOnly() ? ", read-only" : "");
      System.out.printf("Reads         %d (%d bytes)%n", stats.reads(), stats.bytesRead());
      System.out.printf("Programs      %d (%d bytes)%n", stats.programs(), stats.bytesProgrammed());
      System.out.printf(
          "Erases        %d sector erases, most erased sector %d times%n", total, most);
      System.out.printf("Operations    %d programs and erases numbered%n", media.operationCount());
      System.out.printf(
          "Overwrites    %d (programs over cells that were not erased)%n", stats.overwrites());
      System.out.printf("Refused       %d%n", stats.refused());
      ShellTable table = new ShellTable();
      table.column("Sector");
      table.column("Offset");
      table.column("Erases");
      int sector = 0;
      int rows = 0;
      for (org.flashstack.api.flash.EraseRegion region : media.sectors()) {
        for (int i = 0; i < region.blockCount(); i++, sector++) {
          long count = media.eraseCount(sector);
          if (allBlocks || count > 0) {
            rows++;
            table
                .addRow()
                .addContent(
                    sector,
                    String.format("0x%08x", region.offset() + i * region.blockSize()),
                    count);
          }
        }
      }
      if (rows == 0) {
        System.out.println("No sector erased since the media was opened (--blocks lists them all)");
      } else {
        table.print(System.out, !noFormat);
      }
    }
  }
}
