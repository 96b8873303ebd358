package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;

/** {@code flash:unlock <device> <offset> <length>}: unlocks whole blocks. */
@Service
@Command(
    scope = "flash",
    name = "unlock",
    description =
        "Unlocks the blocks of a range against program and erase; both ends on block boundaries")
public class FlashUnlockCommand extends BlockRangeCommand {

  @Override
  void execute(Flash flash, long address, long count) throws Exception {
    flash.unlock(address, count);
    System.out.printf(
        "%s: %d block(s) at 0x%08x unlocked%n",
        device, BlockRange.blocks(flash, address, count), address);
  }
}
