package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.Flash;

/** {@code flash:lock <device> <offset> <length>}: locks whole blocks. */
@Service
@Command(
    scope = "flash",
    name = "lock",
    description =
        "Locks the blocks of a range against program and erase; both ends on block boundaries")
public class FlashLockCommand extends BlockRangeCommand {

  @Override
  void execute(Flash flash, long address, long count) throws Exception {
    flash.lock(address, count);
    System.out.printf(
        "%s: %d block(s) at 0x%08x locked%n",
        device, BlockRange.blocks(flash, address, count), address);
  }
}
