package org.flashstack.hw.spinor;

import org.flashstack.hw.spinor.ChipCommand.Kind;

/** The command set of one part, indexed by opcode, built from its catalog entry. */
final class CommandTable {

  private final ChipCommand[] commands = new ChipCommand[256];
  private final ChipPart part;

  private CommandTable(ChipPart part) {
    this.part = part;
  }

  static ChipCommand[] of(ChipPart part) {
    return new CommandTable(part).build();
  }

  private ChipCommand[] build() {
    add(ChipCommand.simple(Kind.WRITE_ENABLE, 0x06));
    add(ChipCommand.simple(Kind.WRITE_DISABLE, 0x04));
    add(ChipCommand.simple(Kind.READ_JEDEC_ID, 0x9f));
    add(new ChipCommand(Kind.READ_SFDP, 0x5a, 3, 1, 8, 1, false, -1, 0, false));
    byte[] rems = part.legacyIds().get(0x90);
    if (rems != null) {
      add(new ChipCommand(Kind.READ_MANUFACTURER_DEVICE_ID, 0x90, 3, 1, 0, 1, false, -1, 0, false));
    }
    boolean fourOnly = part.addressing().mode().equals("4");
    int current = fourOnly ? 4 : ChipCommand.CURRENT_ADDRESS;
    for (ChipPart.Read read : part.reads()) {
      add(
          new ChipCommand(
              Kind.READ_ARRAY,
              read.opcode(),
              current,
              read.lanes(1),
              read.modeClocks() + read.dummyClocks(),
              read.lanes(2),
              read.needsQuadEnable(),
              -1,
              0,
              false));
      Integer fourByte = part.addressing().fourByteOpcodes().get(read.opcode());
      if (fourByte != null) {
        add(
            new ChipCommand(
                Kind.READ_ARRAY,
                fourByte,
                4,
                read.lanes(1),
                read.modeClocks() + read.dummyClocks(),
                read.lanes(2),
                read.needsQuadEnable(),
                -1,
                0,
                true));
      }
    }
    for (ChipPart.Program program : part.programs()) {
      add(
          new ChipCommand(
              Kind.PAGE_PROGRAM,
              program.opcode(),
              current,
              program.lanes(1),
              0,
              program.lanes(2),
              program.needsQuadEnable(),
              -1,
              0,
              false));
      Integer fourByte = part.addressing().fourByteOpcodes().get(program.opcode());
      if (fourByte != null) {
        add(
            new ChipCommand(
                Kind.PAGE_PROGRAM,
                fourByte,
                4,
                program.lanes(1),
                0,
                program.lanes(2),
                program.needsQuadEnable(),
                -1,
                0,
                true));
      }
    }
    for (ChipPart.EraseType erase : part.eraseTypes()) {
      if (commands[erase.opcode()] == null) {
        add(new ChipCommand(Kind.ERASE, erase.opcode(), current, 1, 0, 1, false, -1, 0, false));
      }
      if (erase.opcode4b() >= 0 && commands[erase.opcode4b()] == null) {
        add(new ChipCommand(Kind.ERASE, erase.opcode4b(), 4, 1, 0, 1, false, -1, 0, true));
      }
    }
    for (int opcode : part.chipEraseOpcodes()) {
      add(ChipCommand.simple(Kind.CHIP_ERASE, opcode));
    }
    for (int opcode : part.addressing().enter()) {
      add(ChipCommand.simple(Kind.ENTER_4_BYTE, opcode));
    }
    for (int opcode : part.addressing().exit()) {
      add(ChipCommand.simple(Kind.EXIT_4_BYTE, opcode));
    }
    for (int index = 0; index < part.registers().size(); index++) {
      ChipPart.Register register = part.registers().get(index);
      if (register.readOpcode() >= 0) {
        add(
            new ChipCommand(
                Kind.READ_REGISTER, register.readOpcode(), 0, 1, 0, 1, false, index, 0, false));
      }
      if (register.writeOpcode() >= 0) {
        add(
            new ChipCommand(
                Kind.WRITE_REGISTER, register.writeOpcode(), 0, 1, 0, 1, false, index, 0, false));
      }
    }
    add(ChipCommand.simple(Kind.WRITE_STATUS, part.writeStatus().opcode()));
    if (part.volatileWriteEnable() >= 0) {
      add(ChipCommand.simple(Kind.VOLATILE_WRITE_ENABLE, part.volatileWriteEnable()));
    }
    if (part.clearStatus() >= 0) {
      add(ChipCommand.simple(Kind.CLEAR_STATUS, part.clearStatus()));
    }
    if (part.suspend() != null) {
      add(ChipCommand.simple(Kind.SUSPEND, part.suspend().suspend()));
      add(ChipCommand.simple(Kind.RESUME, part.suspend().resume()));
    }
    if (part.reset() != null) {
      if (part.reset().enable() >= 0) {
        add(ChipCommand.simple(Kind.RESET_ENABLE, part.reset().enable()));
      }
      add(ChipCommand.simple(Kind.RESET, part.reset().reset()));
    }
    if (part.deepPowerDown() != null) {
      add(ChipCommand.simple(Kind.DEEP_POWER_DOWN, part.deepPowerDown().enter()));
      int release = part.deepPowerDown().release();
      boolean signature = part.legacyIds().containsKey(release);
      add(
          new ChipCommand(
              Kind.RELEASE_POWER_DOWN, release, signature ? 3 : 0, 1, 0, 1, false, -1, 0, false));
    } else if (part.legacyIds().containsKey(0xab)) {
      add(new ChipCommand(Kind.RELEASE_POWER_DOWN, 0xab, 3, 1, 0, 1, false, -1, 0, false));
    }
    ChipPart.Protection protection = part.protection();
    if (protection.registerRead() >= 0) {
      add(ChipCommand.simple(Kind.READ_BLOCK_PROTECTION, protection.registerRead()));
    }
    if (protection.registerWrite() >= 0) {
      add(ChipCommand.simple(Kind.WRITE_BLOCK_PROTECTION, protection.registerWrite()));
    }
    if (protection.globalUnlock() >= 0) {
      add(ChipCommand.simple(Kind.GLOBAL_UNLOCK, protection.globalUnlock()));
    }
    return commands;
  }

  private void add(ChipCommand command) {
    ChipCommand existing = commands[command.opcode()];
    if (existing != null && !existing.equals(command)) {
      throw new ChipCatalogException(
          part.name(),
          String.format("opcode 0x%02x", command.opcode()),
          "is both " + existing.kind() + " and " + command.kind());
    }
    commands[command.opcode()] = command;
  }
}
