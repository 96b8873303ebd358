package org.flashstack.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.flashstack.api.update.UpdateException;
import org.flashstack.update.UpdateImage;

/** Update image headers and images from outside: refused as BAD_IMAGE, naming why, or accepted. */
class UpdateImageFuzzTest {

  @FuzzTest(maxDuration = Findings.BOUND)
  void imageHeaders(byte[] image) {
    try {
      UpdateImage.verify(image);
    } catch (UpdateException e) {
      if (e.reason() != UpdateException.Reason.BAD_IMAGE) {
        throw new IllegalStateException("a malformed image is BAD_IMAGE, not " + e.reason(), e);
      }
      Findings.named(e);
    }
  }
}
