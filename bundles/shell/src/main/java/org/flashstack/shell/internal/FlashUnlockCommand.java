package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.ServiceReference;

/** {@code flash:unlock <device> <offset> <length>}: unlocks whole blocks. */
@Service
@Command(
    scope = "flash",
    name = "unlock",
    description =
        "Unlocks the blocks of a range against program and erase; both ends on block boundaries")
public class FlashUnlockCommand extends FlashCommand {

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
    flash.unlock(address, count);
    System.out.printf(
        "%s: %d block(s) at 0x%08x unlocked%n",
        device, BlockRange.blocks(flash, address, count), address);
  }
}
