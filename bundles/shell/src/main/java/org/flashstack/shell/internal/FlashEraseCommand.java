package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.Flash;

/** {@code flash:erase <device> <offset> <length>}: erases whole blocks. */
@Service
@Command(
    scope = "flash",
    name = "erase",
    description = "Erases the blocks of a range; both ends must be block boundaries")
public class FlashEraseCommand extends BlockRangeCommand {

  @Reference EmulatedClock clock;

  @Override
  void execute(Flash flash, long address, long count) throws Exception {
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
