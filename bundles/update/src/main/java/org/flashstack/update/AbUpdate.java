package org.flashstack.update;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.update.BootDecision;
import org.flashstack.api.update.FirmwareUpdate;
import org.flashstack.api.update.SlotState;
import org.flashstack.api.update.SlotStatus;
import org.flashstack.api.update.UpdateException;
import org.flashstack.api.update.UpdateStatus;

/**
 * A/B update over two slots and a recovery region (docs/update.md). Each slot holds an image from
 * its start and its boot log in its last erase block; nothing else is kept anywhere, so what the
 * flash says after a power cut is the whole truth:
 *
 * <ul>
 *   <li>a slot is <em>staged</em> when its image verifies (header and SHA-256, read from flash) and
 *       its log has a STAGED record about that image;
 *   <li>the <em>active</em> slot is the staged, not rolled-back slot with the highest activation
 *       sequence number;
 *   <li>every step that decides anything is one 32-byte record append: torn, it fails its CRC and
 *       counts for nothing, so the decision is either the old one or the new one.
 * </ul>
 *
 * Staging writes only into the slot that is not active; boot selection verifies every image it
 * considers, so neither a torn write nor a stale record makes anything invalid boot.
 */
public final class AbUpdate implements FirmwareUpdate {

  /** Boot attempts a trial image gets before it is rolled back. */
  public static final int DEFAULT_ATTEMPTS = 3;

  private static final int CHUNK = 64 << 10;

  private final UpdateRegion[] slots;
  private final UpdateRegion recovery;
  private final int maxAttempts;
  private volatile BootDecision lastBoot;

  /**
   * @param slotA the first slot (seed 000's primary)
   * @param slotB the second slot (staging)
   * @param recovery the recovery partition
   * @param maxAttempts boot attempts before a trial image is rolled back (1 or more)
   * @throws IllegalArgumentException for a slot too small to hold its log and an image
   */
  public AbUpdate(UpdateRegion slotA, UpdateRegion slotB, UpdateRegion recovery, int maxAttempts) {
    this.slots = new UpdateRegion[] {Objects.requireNonNull(slotA), Objects.requireNonNull(slotB)};
    this.recovery = Objects.requireNonNull(recovery);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a trial image needs 1 boot attempt or more");
    }
    this.maxAttempts = maxAttempts;
    for (UpdateRegion slot : slots) {
      if (slot.eraseSize() < BootRecord.SIZE || slot.size() < 2 * slot.eraseSize()) {
        throw new IllegalArgumentException(
            slot.name()
                + ": a slot needs at least two erase blocks (an image and its boot log); it has "
                + slot.size()
                + " bytes in blocks of "
                + slot.eraseSize());
      }
    }
  }

  /**
   * @return the bytes an image (header and payload) may take in {@code slot}
   */
  public static long capacity(UpdateRegion slot) {
    return slot.size() - slot.eraseSize();
  }

  // ---- what a slot holds

  /** A slot as read from flash. */
  private final class Slot {
    final int index;
    final UpdateRegion region;
    final UpdateImage image;
    final List<BootRecord> records = new ArrayList<>();
    final int nextRecord;
    boolean staged;
    long activation;
    int attempts;
    boolean confirmed;
    boolean bad;

    Slot(int index) throws FlashException {
      this.index = index;
      this.region = slots[index];
      this.image = validImage(region, capacity(region));
      long logAt = region.size() - region.eraseSize();
      byte[] log = new byte[(int) Math.min(region.eraseSize(), Integer.MAX_VALUE - 8)];
      region.read(logAt, log, 0, log.length);
      int next = 0;
      for (int at = 0; at + BootRecord.SIZE <= log.length; at += BootRecord.SIZE) {
        if (!BootRecord.blank(log, at)) {
          next = at + BootRecord.SIZE;
          BootRecord record = BootRecord.decode(log, at);
          if (record != null && image != null && record.isAbout(image.sha256())) {
            records.add(record);
          }
        }
      }
      nextRecord = next + BootRecord.SIZE <= log.length ? next : -1;
      for (BootRecord r : records) {
        switch (r.type()) {
          case STAGED -> staged = true;
          case ACTIVATED -> {
            if (r.value() >= activation) {
              activation = r.value();
              attempts = 0;
              confirmed = false;
              bad = false;
            }
          }
          case ATTEMPT -> attempts++;
          case CONFIRMED -> confirmed = true;
          case BAD -> bad = true;
        }
      }
    }

    boolean bootable() {
      return image != null && staged && !bad;
    }

    /** Appends a record about this slot's image. */
    void append(BootRecord.Type type, long value) throws UpdateException, FlashException {
      if (nextRecord < 0) {
        throw new UpdateException(
            UpdateException.Reason.RECORD_FULL,
            region.name()
                + ": its boot log (the last erase block) is full; stage the image again to start"
                + " a new one");
      }
      byte[] record = new BootRecord(type, value, image.sha256()).encode();
      region.program(region.size() - region.eraseSize() + nextRecord, record, 0, record.length);
    }
  }

  /**
   * @return the image {@code region} holds from its start if its header and digest verify and it
   *     fits in {@code capacity}, else null
   */
  private static UpdateImage validImage(UpdateRegion region, long capacity) throws FlashException {
    byte[] head = new byte[UpdateImage.HEADER];
    region.read(0, head, 0, head.length);
    UpdateImage header;
    try {
      header = UpdateImage.header(head, 0);
    } catch (UpdateException e) {
      return null;
    }
    if (header.totalLength() > capacity) {
      return null;
    }
    MessageDigest digest = UpdateImage.newDigest();
    byte[] chunk = new byte[CHUNK];
    for (long done = 0; done < header.payloadLength(); ) {
      int n = (int) Math.min(chunk.length, header.payloadLength() - done);
      region.read(UpdateImage.HEADER + done, chunk, 0, n);
      digest.update(chunk, 0, n);
      done += n;
    }
    return Arrays.equals(digest.digest(), header.sha256()) ? header : null;
  }

  private Slot[] read() throws FlashException {
    return new Slot[] {new Slot(0), new Slot(1)};
  }

  /**
   * @return the active slot: bootable, activated, the highest sequence; or null
   */
  private static Slot active(Slot[] all) {
    Slot best = null;
    for (Slot s : all) {
      if (s.bootable() && s.activation > 0 && (best == null || s.activation > best.activation)) {
        best = s;
      }
    }
    return best;
  }

  // ---- steps

  @Override
  public synchronized SlotStatus stage(byte[] image) throws UpdateException {
    UpdateImage header = UpdateImage.verify(image);
    try {
      Slot[] all = read();
      Slot active = active(all);
      Slot target = all[active == null || active.index == 1 ? 0 : 1];
      UpdateRegion region = target.region;
      if (image.length > capacity(region)) {
        throw new UpdateException(
            UpdateException.Reason.TOO_LARGE,
            String.format(
                "%s: the image is %d bytes; the slot takes %d (its last erase block holds the boot"
                    + " log)",
                region.name(), image.length, capacity(region)));
      }
      // the log first: from here on the slot is not staged, whatever is left of the old image
      region.erase(region.size() - region.eraseSize(), region.eraseSize());
      write(region, image);
      Slot written = new Slot(target.index);
      if (written.image == null || !written.image.equals(header)) {
        throw new UpdateException(
            UpdateException.Reason.FLASH,
            region.name() + ": the image read back does not verify; the slot is not staged");
      }
      written.append(BootRecord.Type.STAGED, 0);
      return status(read(), target.index);
    } catch (FlashException e) {
      throw flash("stage", e);
    }
  }

  @Override
  public synchronized SlotStatus provisionRecovery(byte[] image) throws UpdateException {
    UpdateImage header = UpdateImage.verify(image);
    if (image.length > recovery.size()) {
      throw new UpdateException(
          UpdateException.Reason.TOO_LARGE,
          String.format(
              "%s: the image is %d bytes; the partition holds %d",
              recovery.name(), image.length, recovery.size()));
    }
    try {
      write(recovery, image);
      UpdateImage back = validImage(recovery, recovery.size());
      if (back == null || !back.equals(header)) {
        throw new UpdateException(
            UpdateException.Reason.FLASH,
            recovery.name() + ": the image read back does not verify");
      }
      return recoveryStatus();
    } catch (FlashException e) {
      throw flash("provision recovery", e);
    }
  }

  /** Erases the blocks {@code image} needs from the region's start and programs it. */
  private static void write(UpdateRegion region, byte[] image) throws FlashException {
    long blocks = (image.length + region.eraseSize() - 1) / region.eraseSize();
    region.erase(0, blocks * region.eraseSize());
    for (int done = 0; done < image.length; done += CHUNK) {
      region.program(done, image, done, Math.min(CHUNK, image.length - done));
    }
  }

  @Override
  public synchronized SlotStatus activate() throws UpdateException {
    try {
      Slot[] all = read();
      Slot active = active(all);
      Slot candidate = null;
      for (Slot s : all) {
        // a freshly staged image: one activated before (a previous image) is not re-activated
        if (s != active && s.image != null && s.staged && s.activation == 0) {
          candidate = s;
        }
      }
      if (candidate == null) {
        throw new UpdateException(
            UpdateException.Reason.NOT_APPLICABLE,
            "no slot holds a staged image that was never activated: stage one first"
                + " (update:stage)");
      }
      long sequence = Math.max(all[0].activation, all[1].activation) + 1;
      candidate.append(BootRecord.Type.ACTIVATED, sequence);
      return status(read(), candidate.index);
    } catch (FlashException e) {
      throw flash("activate", e);
    }
  }

  @Override
  public synchronized SlotStatus confirm() throws UpdateException {
    try {
      Slot[] all = read();
      Slot active = active(all);
      if (active == null) {
        throw new UpdateException(
            UpdateException.Reason.NOT_APPLICABLE, "no slot is active: nothing to confirm");
      }
      if (active.confirmed) {
        throw new UpdateException(
            UpdateException.Reason.NOT_APPLICABLE,
            active.region.name() + " (" + active.image.version() + ") is already confirmed");
      }
      active.append(BootRecord.Type.CONFIRMED, 0);
      return status(read(), active.index);
    } catch (FlashException e) {
      throw flash("confirm", e);
    }
  }

  @Override
  public synchronized BootDecision boot() throws UpdateException {
    try {
      Slot[] all = read();
      Slot active = active(all);
      String rolledBack = "";
      if (active != null) {
        if (active.confirmed) {
          return booted(
              new BootDecision(
                  active.region.name(),
                  active.image.version(),
                  BootDecision.Source.ACTIVE,
                  "the active slot, confirmed"));
        }
        if (active.attempts < maxAttempts && active.nextRecord >= 0) {
          active.append(BootRecord.Type.ATTEMPT, active.attempts + 1L);
          return booted(
              new BootDecision(
                  active.region.name(),
                  active.image.version(),
                  BootDecision.Source.ACTIVE,
                  "trial boot " + (active.attempts + 1) + " of " + maxAttempts));
        }
        if (active.nextRecord >= 0) {
          active.append(BootRecord.Type.BAD, 0);
        }
        rolledBack =
            "rolled back from "
                + active.region.name()
                + " ("
                + active.image.version()
                + "): "
                + maxAttempts
                + " trial boots without a confirm; ";
      }
      for (Slot s : all) {
        if (s != active && s.bootable() && s.activation > 0) {
          return booted(
              new BootDecision(
                  s.region.name(),
                  s.image.version(),
                  BootDecision.Source.OTHER,
                  rolledBack + "the other slot"));
        }
      }
      UpdateImage golden = validImage(recovery, recovery.size());
      if (golden != null) {
        return booted(
            new BootDecision(
                recovery.name(),
                golden.version(),
                BootDecision.Source.RECOVERY,
                rolledBack + "no slot can boot; the recovery image"));
      }
      return booted(
          new BootDecision(
              null, null, BootDecision.Source.NONE, rolledBack + "no valid image anywhere"));
    } catch (FlashException e) {
      throw flash("boot", e);
    }
  }

  private BootDecision booted(BootDecision decision) {
    lastBoot = decision;
    return decision;
  }

  @Override
  public synchronized UpdateStatus status() throws UpdateException {
    try {
      Slot[] all = read();
      return new UpdateStatus(List.of(status(all, 0), status(all, 1)), recoveryStatus(), lastBoot);
    } catch (FlashException e) {
      throw flash("status", e);
    }
  }

  private static SlotStatus status(Slot[] all, int index) {
    Slot s = all[index];
    Slot active = active(all);
    boolean isActive = s == active;
    SlotState state;
    if (s.image == null || !s.staged) {
      state = SlotState.EMPTY;
    } else if (s.bad) {
      state = SlotState.BAD;
    } else if (isActive) {
      state = s.confirmed ? SlotState.CONFIRMED : SlotState.TRIAL;
    } else if (s.activation > 0) {
      state = SlotState.INACTIVE;
    } else {
      state = SlotState.STAGED;
    }
    return new SlotStatus(
        s.region.name(),
        state,
        s.image == null ? "" : s.image.version(),
        s.image == null ? 0 : s.image.payloadLength(),
        s.image == null ? "" : s.image.digest(),
        s.activation,
        s.attempts,
        isActive);
  }

  private SlotStatus recoveryStatus() throws FlashException {
    UpdateImage golden = validImage(recovery, recovery.size());
    return new SlotStatus(
        recovery.name(),
        golden == null ? SlotState.EMPTY : SlotState.STAGED,
        golden == null ? "" : golden.version(),
        golden == null ? 0 : golden.payloadLength(),
        golden == null ? "" : golden.digest(),
        0,
        0,
        false);
  }

  private static UpdateException flash(String step, FlashException e) {
    return new UpdateException(
        UpdateException.Reason.FLASH, step + " failed in the flash: " + e.getMessage(), e);
  }
}
