package org.flashstack.api.memprog;

/**
 * What a command returns: Code and P1 to P6 (the result status is OK; failures are {@link
 * MemProgException}s).
 *
 * @param code the result's Code
 * @param p P1 to P6 as {@code p[0]} to {@code p[5]}, unsigned 32-bit values; fewer than six are
 *     padded with 0
 * @since 1.1
 */
public record MemProgResult(long code, long... p) {

  /** OK, Code 0, every parameter 0. */
  public static final MemProgResult OK = new MemProgResult(0);

  public MemProgResult {
    if (p.length > 6) {
      throw new IllegalArgumentException("a result has P1 to P6, not " + p.length + " parameters");
    }
    long[] six = new long[6];
    for (int i = 0; i < p.length; i++) {
      six[i] = p[i] & 0xffff_ffffL;
    }
    p = six;
    code &= 0xffff_ffffL;
  }

  /**
   * @return P{@code n}, 1 to 6
   */
  public long parameter(int n) {
    if (n < 1 || n > 6) {
      throw new IllegalArgumentException("P1 to P6, not P" + n);
    }
    return p[n - 1];
  }

  @Override
  public long[] p() {
    return p.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MemProgResult that
        && code == that.code
        && java.util.Arrays.equals(p, that.p);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(code) * 31 + java.util.Arrays.hashCode(p);
  }

  @Override
  public String toString() {
    return String.format("code 0x%x, P1..P6 %s", code, java.util.Arrays.toString(p));
  }
}
