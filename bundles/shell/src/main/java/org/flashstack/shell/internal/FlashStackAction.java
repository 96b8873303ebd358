package org.flashstack.shell.internal;

import java.util.EnumSet;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every FlashStack command: runs {@link #run()} and sorts what goes wrong. A user's mistake (a bad
 * number, a range outside the device, a misaligned erase, a locked block, a missing file, an
 * unknown device) is logged as one line at INFO and reported as Karaf's {@link CommandException},
 * which Karaf prints in red without a stack trace and logs only at DEBUG; a real fault (the device
 * failed, timed out, lost power, an I/O error, a bug) keeps its stack trace in the log.
 */
abstract class FlashStackAction implements Action {

  /** The shell session the command runs in (its variables carry the caller's directory). */
  @org.apache.karaf.shell.api.action.lifecycle.Reference Session session;

  private static final Logger LOG = LoggerFactory.getLogger("org.flashstack.shell");

  /** Errors that mean the request was wrong, not the device. */
  static final Set<FlashError> USER_ERRORS =
      EnumSet.of(
          FlashError.INVALID_ARGUMENT,
          FlashError.OUT_OF_RANGE,
          FlashError.MISALIGNED,
          FlashError.PROTECTED,
          FlashError.BUSY,
          FlashError.NOT_SUPPORTED,
          FlashError.UNAVAILABLE);

  @Override
  public final Object execute() throws Exception {
    try {
      run();
      return null;
    } catch (FlashException e) {
      if (USER_ERRORS.contains(e.error())) {
        throw mistake(e.getMessage());
      }
      throw e;
    } catch (IllegalArgumentException | UserMistake e) {
      throw mistake(e.getMessage());
    } catch (org.flashstack.api.log.LogException e) {
      if (!(e.getCause() instanceof java.io.IOException)) {
        throw mistake(e.getMessage());
      }
      throw e;
    } catch (org.flashstack.api.kv.KvException e) {
      if (!e.espError().equals("ESP_ERR_FLASH_OP_FAIL")) {
        throw mistake(e.getMessage() + " (" + e.espError() + ")");
      }
      throw e;
    }
  }

  private CommandException mistake(String message) {
    Command command = getClass().getAnnotation(Command.class);
    LOG.info(
        "{}:{} refused: {}",
        command == null ? "?" : command.scope(),
        command == null ? getClass().getSimpleName() : command.name(),
        message);
    return new CommandException(message);
  }

  /** Does the command's work; prints its output, throws on failure. */
  abstract void run() throws Exception;

  /** A failure that is the user's to fix (not a fault of the device or of FlashStack). */
  static final class UserMistake extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserMistake(String message) {
      super(message);
    }
  }
}
