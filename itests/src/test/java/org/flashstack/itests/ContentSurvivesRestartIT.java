package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.media.FlashMediaView;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Each test method runs in its own container (PerMethod) on the same image file. Each first checks
 * that the marker the previous container wrote (recorded beside the image) is on the flash, then
 * writes a new one and checks it. Whatever the order, the second container reads what the first one
 * wrote.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ContentSurvivesRestartIT extends FlashStackTestSupport {

  private static final long ADDRESS = 0x100000;
  private static final int LENGTH = 36;

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "restart-nor0.img"));
  }

  private static File expected() {
    return new File(runDirectory(), "restart-expected.txt");
  }

  private static File expectedWear() {
    return new File(runDirectory(), "restart-wear.txt");
  }

  private long wear() throws Exception {
    FlashMediaView media =
        bundleContext.getService(
            bundleContext
                .getServiceReferences(FlashMediaView.class, "(device.name=nor0)")
                .iterator()
                .next());
    return media.eraseCount((int) (ADDRESS / (256 * 1024)));
  }

  private void checkPreviousAndWriteNew() throws Exception {
    Flash flash = flash("nor0");
    byte[] back = new byte[LENGTH];
    if (expected().isFile()) {
      flash.read(ADDRESS, back, 0, back.length);
      assertEquals(
          "what the previous container wrote",
          Files.readString(expected().toPath()),
          new String(back, StandardCharsets.US_ASCII));
      assertEquals(
          "the wear the previous container left",
          Long.parseLong(Files.readString(expectedWear().toPath())),
          wear());
    }
    long before = wear();
    byte[] marker = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    flash.update(ADDRESS, marker, 0, marker.length);
    flash.read(ADDRESS, back, 0, back.length);
    assertArrayEquals(marker, back);
    Files.writeString(expected().toPath(), new String(marker, StandardCharsets.US_ASCII));
    assertTrue("the update erased the block: wear " + before + " -> " + wear(), wear() >= before);
    Files.writeString(expectedWear().toPath(), Long.toString(wear()));
  }

  /** The SPI NOR chip on chip select 1 of the dual-flash board keeps what was written too. */
  private void checkFlash1() throws Exception {
    Flash flash = flash("flash1");
    File file = new File(runDirectory(), "restart-flash1.txt");
    long address = 0x1234000;
    byte[] back = new byte[36];
    if (file.isFile()) {
      flash.read(address, back, 0, back.length);
      assertEquals(
          "what the previous container wrote to flash1",
          Files.readString(file.toPath()),
          new String(back, StandardCharsets.US_ASCII));
    }
    byte[] marker = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    flash.update(address, marker, 0, marker.length);
    flash.read(address, back, 0, back.length);
    assertArrayEquals(marker, back);
    Files.writeString(file.toPath(), new String(marker, StandardCharsets.US_ASCII));
  }

  @Test
  public void firstContainer() throws Exception {
    checkPreviousAndWriteNew();
    checkFlash1();
  }

  @Test
  public void secondContainer() throws Exception {
    checkPreviousAndWriteNew();
    checkFlash1();
  }
}
