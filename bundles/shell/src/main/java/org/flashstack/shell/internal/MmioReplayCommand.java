package org.flashstack.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.api.flash.FlashVirtualizer;
import org.flashstack.api.mmio.MmioClaim;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioTrace;
import org.osgi.framework.BundleContext;

/**
 * {@code mmio:replay <device> <trace>}: replays an MMIO trace file against any MMIO device and
 * prints every response. The device is claimed for the replay: a driver serving it is detached
 * first (after its operation in flight; flash operations wait meanwhile) and attached again after.
 * Fails (exit status 1) on a refused access or a read that differs from its expected value.
 */
@Service
@Command(
    scope = "mmio",
    name = "replay",
    description = "Replays an MMIO trace file against a device and prints every response")
public class MmioReplayCommand extends FlashStackAction {

  /** How long the replay waits for the device's current owner. */
  private static final long CLAIM_WAIT_MILLIS = 5_000;

  @Reference BundleContext context;

  @Reference FlashVirtualizer virtualizer;

  @Argument(index = 0, name = "device", description = "MMIO device name", required = true)
  @Completion(MmioDeviceCompleter.class)
  String device;

  @Argument(
      index = 1,
      name = "trace",
      description =
          "Trace file (lines 'W <offset> <width> <value>' / 'R <offset> <width> [<expected>]')",
      required = true)
  @Completion(UserFileCompleter.class)
  String trace;

  @Override
  void run() throws Exception {
    Path path = UserPaths.resolve(session, trace);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no trace file " + path);
    }
    MmioTrace parsed = MmioTrace.parse(path);
    try (Services.Held<MmioDevice> held = Services.mmio(context, device)) {
      boolean driven = virtualizer.queues().stream().anyMatch(q -> q.device().equals(device));
      MmioTrace.ReplayResult result =
          driven
              ? virtualizer.withDriverDetached(device, () -> replay(held.get(), parsed))
              : replay(held.get(), parsed);
      String summary =
          String.format(
              "%d of %d operations replayed on %s, %d mismatch(es)",
              result.executed(), parsed.operations().size(), device, result.mismatches());
      if (!result.passed()) {
        throw new UserMistake(
            summary + (result.refusal() == null ? "" : "; stopped at a refused access"));
      }
      System.out.println(summary);
    }
  }

  private static MmioTrace.ReplayResult replay(MmioDevice device, MmioTrace trace)
      throws Exception {
    try (MmioClaim claim = device.claim("mmio:replay", CLAIM_WAIT_MILLIS)) {
      return trace.replay(claim, System.out::println);
    }
  }
}
