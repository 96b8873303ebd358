package org.flashstack.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.flashstack.api.mmio.MmioDevice;
import org.flashstack.api.mmio.MmioTrace;
import org.osgi.framework.BundleContext;

/**
 * {@code cfi:replay <device> <trace>}: replays an MMIO trace file against a device, holding it
 * exclusively, and prints every response. Fails (exit status 1) on a refused access or a read that
 * differs from its expected value.
 */
@Service
@Command(
    scope = "cfi",
    name = "replay",
    description = "Replays an MMIO trace file against a device and prints every response")
public class CfiReplayCommand implements Action {

  @Reference BundleContext context;

  @Argument(index = 0, name = "device", description = "MMIO device name", required = true)
  @Completion(MmioDeviceCompleter.class)
  String device;

  @Argument(
      index = 1,
      name = "trace",
      description =
          "Trace file (lines 'W <offset> <width> <value>' / 'R <offset> <width> [<expected>]')",
      required = true)
  @Completion(FileCompleter.class)
  String trace;

  @Override
  public Object execute() throws Exception {
    Path path = Path.of(trace);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no trace file " + path.toAbsolutePath());
    }
    MmioTrace parsed = MmioTrace.parse(path);
    try (Services.Held<MmioDevice> held = Services.mmio(context, device)) {
      MmioTrace.ReplayResult result = parsed.replay(held.get(), System.out::println);
      String summary =
          String.format(
              "%d of %d operations replayed on %s, %d mismatch(es)",
              result.executed(), parsed.operations().size(), device, result.mismatches());
      if (!result.passed()) {
        throw new IllegalStateException(
            summary + (result.refusal() == null ? "" : "; stopped at a refused access"));
      }
      System.out.println(summary);
    }
    return null;
  }
}
