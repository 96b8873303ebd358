package org.flashstack.shell.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flashstack.memprog.host.MemProgProgrammer;
import org.flashstack.memprog.host.ProgramOptions;
import org.flashstack.memprog.host.ProgramReport;
import org.flashstack.memprog.host.ProgressListener;
import org.flashstack.memprog.host.TargetInterface;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.ImageFormat;

/**
 * {@code prog:program <iface> <file>}: programs an image into an interface of the connected target,
 * with a progress bar and a summary line.
 */
@Service
@Command(
    scope = "prog",
    name = "program",
    description =
        "Programs an image (raw binary, Intel HEX, S-record, ELF) into an interface of the connected"
            + " target: erases what it touches, keeps the rest of each erase unit, checks each"
            + " buffer's CRC")
public class ProgProgramCommand extends ProgCommand {

  @Argument(
      index = 0,
      name = "interface",
      description = "Interface number, or what it is bound to (staging, partition:staging)",
      required = true)
  String iface;

  @Argument(index = 1, name = "file", description = "The image file", required = true)
  @Completion(UserFileCompleter.class)
  String file;

  @Option(
      name = "--address",
      description =
          "Raw binary: the interface offset it goes to (default 0). HEX, S-record, ELF: the image"
              + " address that is the interface's offset 0 (default 0)")
  String address = "0";

  @Option(name = "--format", description = "bin, hex, srec or elf (default: told from the file)")
  String format;

  @Option(name = "--verify", description = "CRC every segment on the target afterwards")
  boolean verify;

  @Option(
      name = "--skip-unchanged",
      description = "Leave erase units that already hold the image's bytes alone")
  boolean skipUnchanged;

  @Override
  void prog() throws Exception {
    MemProgProgrammer programmer = programmer();
    TargetInterface target = iface(programmer, iface);
    long at = Numbers.parse(address, "--address");
    Path path = UserPaths.resolve(session, file);
    ImageFormat chosen = format == null ? null : ImageFormat.named(format);
    byte[] content = InputFiles.read(path);
    ImageFormat used = chosen != null ? chosen : ImageFormat.detect(path, content);
    FirmwareImage image = used.read(content, path.getFileName().toString(), 0);
    image = used == ImageFormat.BIN ? image.shift(at) : image.shift(-at);
    ProgressBar bar = new ProgressBar(System.out);
    ProgramReport report =
        programmer.program(
            target.number(), image, ProgramOptions.DEFAULTS.with(verify, skipUnchanged), bar);
    bar.end();
    System.out.printf(
        Locale.ROOT,
        "%s: %s %s, %s%s%n",
        target.label(),
        used.name().toLowerCase(Locale.ROOT),
        path.getFileName(),
        report.summary(),
        verify ? ", verified" : "");
  }

  /** A bar that redraws itself in place, at most once per percent. */
  static final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private int shown = -1;
    private String phase = "";
    private boolean drawn;

    ProgressBar(PrintStream out) {
      this.out = out;
    }

    @Override
    public void progress(String what, long done, long total) {
      int percent = total <= 0 ? 100 : (int) (done * 100 / total);
      if (percent == shown && what.equals(phase)) {
        return;
      }
      shown = percent;
      phase = what;
      int filled = percent * WIDTH / 100;
      out.printf(
          Locale.ROOT,
          "\r[%s%s] %3d%% %-11s %d / %d bytes",
          "#".repeat(filled),
          ".".repeat(WIDTH - filled),
          percent,
          what,
          done,
          total);
      out.flush();
      drawn = true;
    }

    void end() {
      if (drawn) {
        out.println();
      }
    }
  }
}
