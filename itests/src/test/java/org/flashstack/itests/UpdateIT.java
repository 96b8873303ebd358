package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.file.Files;
import java.util.Random;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 14's A/B update at the shell of the product, on the default board's primary, staging and
 * recovery partitions (through the SPI NOR driver, the SPI host model and the chips).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdateIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "update-nor0.img"));
  }

  private File payload(String name, int seed) throws Exception {
    byte[] bytes = new byte[6000];
    new Random(seed).nextBytes(bytes);
    File file = new File(runDirectory(), name);
    Files.write(file.toPath(), bytes);
    return file;
  }

  private String image(String version, int seed) throws Exception {
    File out = new File(runDirectory(), "fw-" + version + ".img");
    String made =
        execute(
            "update:image --version "
                + version
                + " "
                + payload("fw-" + version + ".bin", seed)
                + " "
                + out);
    assertTrue(made, made.contains("version " + version + ", 6000 payload bytes"));
    return out.getAbsolutePath();
  }

  @Test
  public void stageActivateBootConfirmAndRollBackAtTheShell() throws Exception {
    flash("flash0");
    String golden = image("1.0.0", 1);
    assertTrue(execute("update:stage --recovery " + golden).contains("recovery written"));
    assertTrue(execute("update:boot").contains("boots recovery (recovery, version 1.0.0)"));

    String staged = execute("update:stage " + image("1.1.0", 2));
    assertTrue(staged, staged.contains("staged into primary: staged, version 1.1.0"));
    assertTrue(execute("update:activate").contains("active: primary: trial, version 1.1.0"));
    String trial = execute("update:boot");
    assertTrue(trial, trial.contains("boots primary (active, version 1.1.0): trial boot 1 of 3"));
    assertTrue(execute("update:confirm").contains("confirmed: primary: confirmed"));

    assertTrue(execute("update:stage " + image("1.2.0", 3)).contains("staged into staging"));
    execute("update:activate");
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertTrue(execute("update:boot").contains("trial boot " + attempt + " of 3"));
    }
    String back = execute("update:boot");
    assertTrue(
        back, back.contains("boots primary (other, version 1.1.0): rolled back from staging"));
    String status = execute("update:status --no-format");
    assertTrue(status, row(status, "primary", "confirmed", "1.1.0", "6000"));
    assertTrue(status, row(status, "staging", "bad", "1.2.0", "6000"));
    assertTrue(status, row(status, "recovery", "staged", "1.0.0", "6000"));
  }

  @Test
  public void aMalformedImageIsRefusedAndChangesNothing() throws Exception {
    flash("flash0");
    String before = execute("update:status --no-format");
    File broken = new File(runDirectory(), "broken.img");
    byte[] bytes = Files.readAllBytes(new File(image("9.9.9", 9)).toPath());
    bytes[200] ^= 1;
    Files.write(broken.toPath(), bytes);
    try {
      execute("update:stage " + broken);
      fail("refused");
    } catch (Exception e) {
      assertTrue(e.getMessage(), e.getMessage().contains("SHA-256"));
    }
    assertEquals(before, execute("update:status --no-format"));
  }
}
