package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.device.ByteSizes;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.media.FlashMediaView;
import org.flashstack.api.partition.FlashPartition;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code flash:map [<dev>]}: each device's partitions to scale, with wear shading and a legend. */
@Service
@Command(
    scope = "flash",
    name = "map",
    description = "Draws each device's partitions to scale, with per-block wear shading")
public class FlashMapCommand extends FlashStackAction {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "Only this device")
  @Completion(FlashDeviceCompleter.class)
  String device;

  @Option(name = "--width", aliases = "-w", description = "Columns of the picture (64)")
  int width = 64;

  @Option(name = "--ascii", description = "Shade wear with . : + # instead of block characters")
  boolean ascii;

  @Override
  void run() throws Exception {
    List<String> names = new ArrayList<>(Services.names(context, Flash.class));
    if (device != null) {
      if (!names.contains(device)) {
        throw new IllegalArgumentException(
            "no flash device named '" + device + "'; known: " + String.join(", ", names));
      }
      names = List.of(device);
    }
    List<FlashPartition> partitions = partitions();
    boolean first = true;
    for (String name : names) {
      if (!first) {
        System.out.println();
      }
      first = false;
      try (Services.Held<Flash> held = Services.flash(context, name)) {
        FlashGeometry geometry = held.get().geometry();
        List<FlashMap.Region> regions = new ArrayList<>();
        for (FlashPartition partition : partitions) {
          if (partition.device().equals(name)) {
            regions.add(
                new FlashMap.Region(
                    partition.name(), partition.offset(), partition.size(), partition.readOnly()));
          }
        }
        long[][] wear = wear(name);
        for (String line :
            FlashMap.draw(
                name, geometry.size(), blocks(geometry), regions, wear[0], wear[1], width, ascii)) {
          System.out.println(line);
        }
      }
    }
  }

  private List<FlashPartition> partitions() {
    List<FlashPartition> partitions = new ArrayList<>();
    for (ServiceReference<FlashPartition> reference :
        Services.references(context, FlashPartition.class, null)) {
      FlashPartition partition = context.getService(reference);
      if (partition != null) {
        partitions.add(partition);
        context.ungetService(reference);
      }
    }
    partitions.sort(Comparator.comparingLong(FlashPartition::offset));
    return partitions;
  }

  /** Sector offsets and erase counts of the device's media, or none if it shows no media. */
  private long[][] wear(String name) {
    if (Services.names(context, FlashMediaView.class).contains(name)) {
      try (Services.Held<FlashMediaView> held =
          Services.byName(context, FlashMediaView.class, name, "device media")) {
        FlashMediaView media = held.get();
        int count = media.sectorCount();
        long[] offsets = new long[count];
        long[] erases = new long[count];
        int sector = 0;
        for (EraseRegion region : media.sectors()) {
          for (int i = 0; i < region.blockCount(); i++, sector++) {
            offsets[sector] = region.offset() + i * region.blockSize();
            erases[sector] = media.eraseCount(sector);
          }
        }
        return new long[][] {offsets, erases};
      }
    }
    return new long[][] {new long[0], new long[0]};
  }

  private static String blocks(FlashGeometry geometry) {
    return geometry.isUniform()
        ? geometry.blockCount() + " x " + ByteSizes.format(geometry.regions().get(0).blockSize())
        : geometry.blockCount() + " blocks in " + geometry.regions().size() + " regions";
  }
}
