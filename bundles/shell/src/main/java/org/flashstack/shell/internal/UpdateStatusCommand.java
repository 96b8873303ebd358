package org.flashstack.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.flashstack.api.update.FirmwareUpdate;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateStatus;

/** {@code update:status}: the slots, the recovery image and the last boot. */
@Service
@Command(
    scope = "update",
    name = "status",
    description = "Shows the update slots, the recovery image and the last boot")
public class UpdateStatusCommand extends UpdateCommand {

  @Option(name = "--no-format", description = "Plain table, for scripts")
  boolean noFormat;

  @Override
  void run(FirmwareUpdate update) throws Exception {
    UpdateStatus status = update.status();
    ShellTable table = new ShellTable();
    for (String column :
        new String[] {
          "Slot", "State", "Version", "Bytes", "Activation", "Attempts", "Active", "SHA-256"
        }) {
      table.column(column);
    }
    java.util.List<SlotStatus> rows = new java.util.ArrayList<>(status.slots());
    rows.add(status.recovery());
    for (SlotStatus slot : rows) {
      table
          .addRow()
          .addContent(
              slot.name(),
              slot.state().name().toLowerCase(java.util.Locale.ROOT),
              slot.version().isEmpty() ? "-" : slot.version(),
              slot.length(),
              slot.activation(),
              slot.attempts(),
              slot.active() ? "yes" : "",
              slot.sha256().isEmpty() ? "-" : slot.sha256().substring(0, 16) + "...");
    }
    table.print(System.out, !noFormat);
    if (status.lastBoot() != null) {
      System.out.printf(
          "last boot: %s (%s)%n",
          status.lastBoot().bootable() ? status.lastBoot().partition() : "nothing",
          status.lastBoot().reason());
    }
  }
}
