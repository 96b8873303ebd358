package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.flashstack.api.flash.Flash;
import org.osgi.framework.ServiceReference;

/** A command on whole blocks of one device: {@code <device> <offset> <length>}. */
abstract class BlockRangeCommand extends FlashCommand {

  @Argument(
      index = 1,
      name = "offset",
      description = "Start address, on a block boundary",
      required = true)
  @Completion(BlockBoundaryCompleter.class)
  String offset;

  @Argument(
      index = 2,
      name = "length",
      description = "Number of bytes, ending on a block boundary",
      required = true)
  @Completion(LengthCompleter.class)
  String length;

  @Override
  final void execute(Flash flash, ServiceReference<Flash> reference) throws Exception {
    execute(flash, Numbers.parse(offset, "offset"), Numbers.parse(length, "length"));
  }

  /** Does the command's work on the blocks of {@code [address, address + count)}. */
  abstract void execute(Flash flash, long address, long count) throws Exception;
}
