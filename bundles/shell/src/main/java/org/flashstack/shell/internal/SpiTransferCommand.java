package org.flashstack.shell.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.spi.SpiBinding;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiSegment;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code spi:transfer <bus> <cs> <hex bytes> [--read n]}: one raw transaction on a chip select,
 * through the SPI virtualizer (so it never interleaves with another transaction; it may fall
 * between two of a flash operation's): the bytes go out on one lane, then {@code n} bytes are read
 * and printed.
 */
@Service
@Command(
    scope = "spi",
    name = "transfer",
    description = "Runs one raw SPI transaction: sends bytes, then reads n bytes")
public class SpiTransferCommand extends FlashStackAction {

  /** The most bytes one command reads. */
  static final int READ_LIMIT = 1 << 20;

  @Reference BundleContext context;

  @Argument(index = 0, name = "bus", description = "SPI bus, e.g. spi0", required = true)
  String bus;

  @Argument(index = 1, name = "cs", description = "Chip select", required = true)
  String chipSelect;

  @Argument(
      index = 2,
      name = "bytes",
      description = "Bytes to send in hex: 9f, or 05 00, or 0x03,0x00,0x00,0x00",
      required = true,
      multiValued = true)
  List<String> bytes;

  @Option(name = "--read", aliases = "-r", description = "Bytes to read after sending (default 0)")
  String read = "0";

  @Override
  void run() throws Exception {
    byte[] out = parse(bytes);
    long count = Numbers.parse(read, "--read");
    if (count > READ_LIMIT) {
      throw new UserMistake("--read " + count + " is more than one command reads (1 MiB)");
    }
    long cs = Numbers.parse(chipSelect, "chip select");
    String filter =
        "(&" + SpiBinding.busFilter(bus) + "(" + SpiBinding.CHIP_SELECT + "=" + cs + "))";
    List<ServiceReference<SpiDevice>> found = Services.references(context, SpiDevice.class, filter);
    if (found.isEmpty()) {
      throw new UserMistake(
          "no SPI device is configured on "
              + bus
              + " chip select "
              + cs
              + " (spi:hosts lists them)");
    }
    SpiDevice device = context.getService(found.get(0));
    try {
      byte[] in = new byte[(int) count];
      List<SpiSegment> segments = new ArrayList<>();
      segments.add(SpiSegment.transmit(out));
      if (count > 0) {
        segments.add(SpiSegment.receive(SpiLanes.SINGLE, in, 0, in.length));
      }
      device.transfer(segments);
      System.out.printf("%s: sent %d byte(s) on %s cs%d%n", device.name(), out.length, bus, cs);
      if (count > 0) {
        System.out.print(HexDump.format(0, in));
      }
    } catch (SpiException e) {
      throw new UserMistake(e.getMessage());
    } finally {
      context.ungetService(found.get(0));
    }
  }

  static byte[] parse(List<String> words) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String word : words) {
      for (String token : word.split("[,\\s]+")) {
        if (token.isEmpty()) {
          continue;
        }
        String hex =
            token.toLowerCase(java.util.Locale.ROOT).startsWith("0x") ? token.substring(2) : token;
        if (!hex.matches("[0-9a-fA-F]{1,2}")) {
          throw new IllegalArgumentException(
              "'" + token + "' is not a byte in hex (write 9f or 0x9f)");
        }
        out.write(Integer.parseInt(hex, 16));
      }
    }
    if (out.size() == 0) {
      throw new IllegalArgumentException("give at least one byte to send");
    }
    return out.toByteArray();
  }
}
