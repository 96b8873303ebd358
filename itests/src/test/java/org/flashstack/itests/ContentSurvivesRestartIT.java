package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import org.flashstack.api.flash.Flash;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Each test method runs in its own container (PerMethod), in name order, on the same image file:
 * what the first container wrote, a freshly started second container reads back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ContentSurvivesRestartIT extends FlashStackTestSupport {

  private static final long ADDRESS = 0x100000;

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "restart-nor0.img"));
  }

  private static byte[] marker() {
    return ("written before the restart, run " + System.getProperty("flashstack.runId", "local"))
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void a_writeInTheFirstContainer() throws Exception {
    Flash flash = flash("nor0");
    flash.erase(ADDRESS, flash.geometry().blockSizeAt(ADDRESS));
    byte[] marker = marker();
    flash.program(ADDRESS, marker, 0, marker.length);
  }

  @Test
  public void b_readInTheSecondContainer() throws Exception {
    Flash flash = flash("nor0");
    byte[] marker = marker();
    byte[] back = new byte[marker.length];
    flash.read(ADDRESS, back, 0, back.length);
    assertEquals(
        new String(marker, StandardCharsets.UTF_8), new String(back, StandardCharsets.UTF_8));
  }
}
