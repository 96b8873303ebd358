package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.ServiceReference;

/** {@code flash:erase <device> <offset> <length>}: erases whole blocks. */
@Service
@Command(
    scope = "flash",
    name = "erase",
    description = "Erases the blocks of a range; both ends must be block boundaries")
public class FlashEraseCommand extends FlashCommand {

  @Reference EmulatedClock clock;

  @Argument(
      index = 1,
      name = "offset",
      description = "Start address, on a block boundary",
      required = true)
  String offset;

  @Argument(
      index = 2,
      name = "length",
      description = "Number of bytes, ending on a block boundary",
      required = true)
  String length;

  @Override
  void execute(Flash flash, ServiceReference<Flash> reference) throws Exception {
    long address = Numbers.parse(offset, "offset");
    long count = Numbers.parse(length, "length");
    long started = System.nanoTime();
    long deviceStarted = clock.now();
    flash.erase(address, count);
    System.out.printf(
        "%s erased on %s at 0x%08x%n",
        Numbers.rate(count, System.nanoTime() - started, clock.now() - deviceStarted),
        device,
        address);
  }
}
