package org.flashstack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;
import org.flashstack.flashlog.FlashRecordLog;
import org.flashstack.flashlog.LogFlash;
import org.flashstack.kv.nvs.NvsException;
import org.flashstack.kv.nvs.NvsFlash;
import org.flashstack.kv.nvs.NvsImageReader;
import org.flashstack.kv.nvs.NvsStore;
import org.flashstack.kv.nvs.NvsType;

/**
 * What a store finds on flash, from outside: NVS images (a device's dump, or a partition a power
 * cut left) read and opened, and record logs opened. Whatever the bytes, the reader reads them or
 * refuses them in words, the store opens (repairing) or refuses in words and then takes a write,
 * and the log opens and appends.
 */
class StorageFuzzTest {

  /** Three NVS pages, the fuzzer's bytes from the start, the rest erased. */
  private static byte[] pages(byte[] bytes, int size) {
    byte[] image = new byte[size];
    Arrays.fill(image, (byte) 0xff);
    System.arraycopy(bytes, 0, image, 0, Math.min(bytes.length, size));
    return image;
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void nvsImages(byte[] bytes) throws IOException {
    byte[] image = pages(bytes, 3 * 4096);
    try {
      NvsImageReader.read(image);
    } catch (NvsException e) {
      Findings.named(e);
    }
    NvsFlash flash =
        new NvsFlash() {
          @Override
          public int pageCount() {
            return 3;
          }

          @Override
          public void read(long offset, byte[] destination, int from, int length) {
            System.arraycopy(image, (int) offset, destination, from, length);
          }

          @Override
          public void program(long offset, byte[] source, int from, int length) {
            for (int i = 0; i < length; i++) {
              image[(int) offset + i] &= source[from + i];
            }
          }

          @Override
          public void erasePage(int page) {
            Arrays.fill(image, page * 4096, (page + 1) * 4096, (byte) 0xff);
          }
        };
    try {
      NvsStore store = NvsStore.open(flash);
      store.list(null);
      store.setInteger("fuzz", "after", NvsType.U8, 1);
      if (store.get("fuzz", "after").integer() != 1) {
        throw new IllegalStateException("a value written after opening does not read back");
      }
    } catch (NvsException e) {
      Findings.named(e);
    }
  }

  @FuzzTest(maxDuration = Findings.BOUND)
  void recordLogs(byte[] bytes) throws IOException {
    byte[] cells = pages(bytes, 4 * 512);
    LogFlash flash =
        new LogFlash() {
          @Override
          public int unitSize() {
            return 512;
          }

          @Override
          public int units() {
            return 4;
          }

          @Override
          public void read(long offset, byte[] destination, int from, int length) {
            System.arraycopy(cells, (int) offset, destination, from, length);
          }

          @Override
          public void program(long offset, byte[] source, int from, int length) {
            for (int i = 0; i < length; i++) {
              cells[(int) offset + i] &= source[from + i];
            }
          }

          @Override
          public void eraseUnit(int unit) {
            Arrays.fill(cells, unit * 512, (unit + 1) * 512, (byte) 0xff);
          }
        };
    FlashRecordLog log = FlashRecordLog.open(flash, () -> 0);
    log.read(1, 1000, true);
    long sequence = log.append(new byte[] {1, 2, 3}).sequence();
    if (log.read(sequence, 1, true).isEmpty()) {
      throw new IllegalStateException("a record appended after opening does not read back");
    }
  }
}
