package org.flashstack.memprog.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgBdt;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.protocol.MemProgParam;

/**
 * A MemProgLib host on one target: it learns the target's layout with QUERY_CAP (and its interfaces
 * with DESCRIBE where the target is FlashStack's), then runs commands, any number at once on
 * different interfaces, one at a time per interface. Buffers are shared out as they come free: the
 * commands sending data split the target's buffers evenly, each getting at least {@link
 * HostSettings#buffersPerInterface()}; a command alone may use them all, which hides a slow link's
 * round trips.
 *
 * <p>All of the protocol runs on one thread of the host's own, which runs while commands are under
 * way: it passes PARAM's token with IDLE to collect results, fills free buffers, takes back the
 * ones the target returns, and puts answers back in sequence order. The rules it keeps and the
 * target faults it copes with are in docs/memprog.md: it writes only PARAM (holding its token) and
 * the BDTs and buffers it holds; sends a command's last buffer only once every earlier one came
 * back; frees buffers a target returns PENDING; takes a target's answer numbered 0x80 only after
 * all the others; and refuses Lengths past the buffer size, statuses out of the table and tokens
 * that never come back, each as a {@link MemProgCommandException} naming interface, command and
 * what went wrong.
 */
public final class MemProgHost implements AutoCloseable {

  private static final long SPIN_NANOS = 200_000;
  private static final long PARK_NANOS = 20_000;

  /** After this long without anything happening (a target gone quiet), the loop naps longer. */
  private static final long QUIET_NANOS = 10_000_000;

  private static final long NAP_NANOS = 1_000_000;

  /** The most bytes between PARAM and the BDT table for the two to be read as one. */
  private static final int CONTROL_GAP = 256;

  private static final int NOT_READ = -1;

  private final TargetLink link;
  private final TargetMemory memory;
  private final long param;
  private final HostSettings settings;
  private final ExecutorService thread;
  private final ConcurrentLinkedQueue<Command> submitted = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean looping = new AtomicBoolean();
  private volatile boolean closed;

  private volatile MemProgLayout layout;
  private volatile List<TargetInterface> interfaces = List.of();
  private volatile boolean flashStackTarget;

  // loop thread only
  private final Deque<Command> waiting = new ArrayDeque<>();
  private final Map<Integer, Command> running = new LinkedHashMap<>();
  private Command starting;
  private boolean collecting;
  private int[] owner = new int[0];
  private Command[] ownerCommand = new Command[0];
  private boolean[] known = new boolean[0];
  private long pass;
  private byte[] control = new byte[0];
  private byte[] table = new byte[0];

  /** PARAM's token as this pass's first read saw it, or {@link #NOT_READ}. */
  private int paramToken = NOT_READ;

  /** Whether {@link #paramBytes} were read this pass after PARAM's token was seen with the host. */
  private boolean paramFresh;

  private final byte[] paramBytes = new byte[MemProgParam.SIZE];

  private MemProgHost(TargetLink link, HostSettings settings) {
    this.link = link;
    this.memory = link.memory();
    this.param = link.paramAddress();
    this.settings = settings;
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "memprog-host " + link.uri());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects to the target behind {@code link}: QUERY_CAP, then DESCRIBE of each interface if the
   * target is FlashStack's. The host owns the link from then on and closes it with itself.
   *
   * @throws IOException if the target does not answer, or reports an impossible layout
   */
  public static MemProgHost connect(TargetLink link, HostSettings settings) throws IOException {
    MemProgHost host = new MemProgHost(Objects.requireNonNull(link), settings);
    try {
      host.discover();
      return host;
    } catch (IOException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  private void discover() throws IOException {
    MemProgResult caps = await(submit(0, MemProg.CMD_QUERY_CAP, new long[6], null, null));
    if (caps.code() != MemProg.VERSION) {
      throw new IOException(
          String.format(
              "%s: the target speaks MemProgLib version 0x%08x; this host speaks 0x%08x",
              link.uri(), caps.code(), MemProg.VERSION));
    }
    MemProgLayout found;
    try {
      found =
          MemProgLayout.fromCapabilities(
              param, caps.parameter(1), caps.parameter(2), caps.parameter(3));
      // the buffers must be reachable through the transport (read, never written here)
      memory.read8(found.bdtAddress(found.bufferCount() - 1) + MemProgBdt.SIZE - 1);
      memory.read8(found.bufferAddress(found.bufferCount() - 1) + found.bufferSize() - 1);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException(
          link.uri() + ": QUERY_CAP reports an impossible layout: " + e.getMessage(), e);
    }
    submitLayout(found);
    List<TargetInterface> list = new ArrayList<>();
    MemProgResult first;
    try {
      first = await(submit(0, MemProg.CMD_DESCRIBE, new long[6], null, null));
    } catch (MemProgCommandException e) {
      if (e.status() != MemProg.STATUS_ERR_IMPLEMENTATION) {
        throw e;
      }
      first = null;
    }
    if (first == null) {
      int count = settings.interfaces() < 0 ? 1 : settings.interfaces();
      for (int i = 0; i < count; i++) {
        list.add(TargetInterface.unknown(i));
      }
    } else {
      flashStackTarget = true;
      int count = (int) Math.min(first.parameter(1), 256);
      for (int i = 0; i < count; i++) {
        list.add(describe(i));
      }
    }
    interfaces = List.copyOf(list);
  }

  private TargetInterface describe(int iface) throws IOException {
    StringBuilder text = new StringBuilder();
    ReplySink sink =
        (address, data, length) -> text.append(new String(data, 0, length, StandardCharsets.UTF_8));
    long[] p = new long[6];
    p[0] = 1;
    MemProgResult r =
        await(
            submit(
                iface,
                MemProg.CMD_DESCRIBE,
                p,
                List.of(Chunk.request(0, Math.min(layout.bufferSize(), 256))).iterator(),
                sink));
    return new TargetInterface(
        iface,
        text.length() == 0 ? "interface " + iface : text.toString(),
        r.parameter(2),
        r.parameter(3),
        (r.parameter(4) & MemProg.DESCRIBE_READ_ONLY) != 0);
  }

  private void submitLayout(MemProgLayout found) {
    // the loop thread is idle between commands; the arrays are published by the queue hand-off
    owner = new int[found.bufferCount()];
    Arrays.fill(owner, -1);
    ownerCommand = new Command[found.bufferCount()];
    known = new boolean[found.bufferCount()];
    layout = found;
  }

  /**
   * @return the target's layout (PARAM from the link, the rest from QUERY_CAP)
   */
  public MemProgLayout layout() {
    return layout;
  }

  /**
   * @return the target's interfaces: all of them with what they are bound to for a FlashStack
   *     target; for a public one as many as {@link HostSettings#interfaces()} says (1 if not said)
   */
  public List<TargetInterface> interfaces() {
    return interfaces;
  }

  /**
   * @return interface {@code number}
   * @throws IllegalArgumentException if the target has no such interface
   */
  public TargetInterface iface(int number) {
    if (number < 0 || number >= interfaces.size()) {
      throw new IllegalArgumentException(
          link.uri() + " has interfaces 0 to " + (interfaces.size() - 1) + ", not " + number);
    }
    return interfaces.get(number);
  }

  /**
   * @return whether the target answered DESCRIBE (FlashStack's target)
   */
  public boolean flashStackTarget() {
    return flashStackTarget;
  }

  /**
   * @return the link's URI
   */
  public String uri() {
    return link.uri();
  }

  /**
   * Runs one command. Its buffers go out in the order {@code chunks} gives them (each at most the
   * buffer size; the last one numbered 0x80), and whatever the target sends back goes to {@code
   * replies} in sequence order.
   *
   * @param iface the interface
   * @param command the command code
   * @param parameters P1 to P6 (fewer are padded with 0)
   * @param chunks what the buffers carry, or {@code null} for none
   * @param replies where answers go, or {@code null} if none are expected
   * @return the result: completed with Code and P1..P6 on OK, exceptionally with a {@link
   *     MemProgCommandException} otherwise
   */
  public CompletableFuture<MemProgResult> submit(
      int iface, int command, long[] parameters, Iterator<Chunk> chunks, ReplySink replies) {
    if (closed) {
      throw new IllegalStateException(link.uri() + ": the host is closed");
    }
    if (iface < 0 || iface > 0xff || command < 0 || command > 0xff) {
      throw new IllegalArgumentException("interface and command are 0 to 255");
    }
    if (!interfaces.isEmpty() && iface >= interfaces.size()) {
      throw new IllegalArgumentException(
          link.uri() + " has interfaces 0 to " + (interfaces.size() - 1) + ", not " + iface);
    }
    if (chunks != null && layout == null) {
      throw new IllegalStateException("buffers need the layout QUERY_CAP gives");
    }
    long[] p = Arrays.copyOf(parameters == null ? new long[0] : parameters, 6);
    Command c = new Command(iface, command, p, chunks, replies);
    submitted.add(c);
    wake();
    return c.future;
  }

  private void wake() {
    if (looping.compareAndSet(false, true)) {
      thread.execute(this::loop);
    }
  }

  /**
   * @return the result of {@code future}, failures as the {@link IOException}s they are
   */
  public static MemProgResult await(CompletableFuture<MemProgResult> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the target", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (CancellationException e) {
      throw new IOException("cancelled", e);
    }
  }

  /** Closes the host and its link; commands under way fail. */
  @Override
  public void close() {
    closed = true;
    thread.shutdown();
    try {
      if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
    for (Command c; (c = submitted.poll()) != null; ) {
      c.fail("the host was closed");
    }
    link.close();
  }

  // ---- the loop

  private void loop() {
    long quiet = System.nanoTime();
    try {
      while (true) {
        for (Command c; (c = submitted.poll()) != null; ) {
          waiting.add(c);
        }
        if (closed) {
          failAll("the host was closed");
          return;
        }
        if (waiting.isEmpty() && starting == null && running.isEmpty() && !collecting) {
          looping.set(false);
          if (submitted.isEmpty() || !looping.compareAndSet(false, true)) {
            return;
          }
          continue;
        }
        if (pass()) {
          quiet = System.nanoTime();
        } else if (System.nanoTime() - quiet > QUIET_NANOS) {
          LockSupport.parkNanos(NAP_NANOS);
        } else if (System.nanoTime() - quiet > SPIN_NANOS) {
          LockSupport.parkNanos(PARK_NANOS);
        } else {
          Thread.onSpinWait();
        }
        timeouts();
      }
    } catch (RuntimeException e) {
      failAll("the host failed: " + e);
      looping.set(false);
    }
  }

  private void failAll(String why) {
    if (starting != null) {
      starting.fail(why);
    }
    waiting.forEach(c -> c.fail(why));
    running.values().forEach(c -> c.fail(why));
    waiting.clear();
    running.clear();
  }

  private boolean pass() {
    pass++;
    boolean happened = false;
    if (layout != null) {
      happened |= scanBuffers();
    }
    happened |= serveParam();
    if (layout != null) {
      happened |= sendBuffers();
    }
    happened |= finishCommands();
    return happened;
  }

  private boolean serveParam() {
    int token = paramToken != NOT_READ ? paramToken : memory.read8(param + MemProgParam.TOKEN);
    paramToken = NOT_READ;
    if (token != MemProg.TOKEN_HOST) {
      paramFresh = false;
      return false;
    }
    // PARAM's fields, read after its token was seen (by the pass's second read where it had one)
    if (!paramFresh) {
      memory.fence();
      memory.read(param, paramBytes, 0, MemProgParam.SIZE);
    }
    paramFresh = false;
    boolean happened = false;
    int status = paramBytes[MemProgParam.STATUS] & 0xff;
    if (starting != null) {
      Command c = starting;
      starting = null;
      happened = true;
      if (status == MemProg.STATUS_ACK) {
        memory.write8(param + MemProgParam.STATUS, MemProg.STATUS_IDLE);
        if (!c.future.isDone()) {
          c.progress();
          running.put(c.iface, c);
        }
        passToken();
        return true;
      }
      if (MemProg.isResult(status)) {
        c.result(MemProgParam.decode(paramBytes, 0), pass);
        c.finish(this);
      } else {
        c.fail(
            "the target passed PARAM back with status "
                + MemProg.statusName(status)
                + " instead of ACK or a result");
      }
      memory.write8(param + MemProgParam.STATUS, MemProg.STATUS_IDLE);
    } else if (status != MemProg.STATUS_IDLE) {
      MemProgParam result = MemProgParam.decode(paramBytes, 0);
      Command c = running.get(result.iface());
      if (c != null && !c.hasResult()) {
        if (MemProg.isResult(status)) {
          c.result(result, pass);
        } else {
          c.fail(
              "the target wrote PARAM status "
                  + MemProg.statusName(status)
                  + " where a result (0x40 and up) belongs");
        }
      }
      memory.write8(param + MemProgParam.STATUS, MemProg.STATUS_IDLE);
      happened = true;
    }
    collecting = false;
    Command next = nextToStart();
    if (next != null) {
      waiting.remove(next);
      byte[] start =
          new MemProgParam(
                  MemProg.TOKEN_HOST,
                  MemProg.STATUS_START,
                  next.iface,
                  next.command,
                  0,
                  next.parameters)
              .encode();
      memory.write(
          param + MemProgParam.INTERFACE, start, MemProgParam.INTERFACE, MemProgParam.SIZE - 2);
      memory.fence();
      memory.write8(param + MemProgParam.STATUS, MemProg.STATUS_START);
      starting = next;
      next.progress();
      passToken();
      return true;
    }
    if (awaitingResults()) {
      collecting = true;
      passToken();
    }
    return happened;
  }

  private void passToken() {
    memory.fence();
    memory.write8(param + MemProgParam.TOKEN, MemProg.TOKEN_TARGET);
  }

  private Command nextToStart() {
    for (Iterator<Command> it = waiting.iterator(); it.hasNext(); ) {
      Command c = it.next();
      if (c.future.isDone()) {
        it.remove();
        continue;
      }
      if (!running.containsKey(c.iface)) {
        return c;
      }
    }
    return null;
  }

  private boolean awaitingResults() {
    for (Command c : running.values()) {
      if (!c.hasResult()) {
        return true;
      }
    }
    return false;
  }

  private boolean scanBuffers() {
    boolean happened = false;
    MemProgLayout l = layout;
    int tableBytes = l.bufferCount() * MemProgBdt.SIZE;
    // one read per pass (one round trip on a debug link): the BDT table, and PARAM with it where
    // the two are close; then, after a fence, one more read of the same bytes if buffers or PARAM
    // came back, so that their fields are seen only after their tokens
    long start = Math.min(param, l.bdtBase());
    long end = Math.max(param + MemProgParam.SIZE, l.bdtBase() + tableBytes);
    boolean together = end - start <= tableBytes + MemProgParam.SIZE + CONTROL_GAP;
    if (!together) {
      start = l.bdtBase();
      end = start + tableBytes;
    }
    if (control.length != end - start) {
      control = new byte[(int) (end - start)];
    }
    memory.read(start, control, 0, control.length);
    paramToken = together ? control[(int) (param - start) + MemProgParam.TOKEN] & 0xff : NOT_READ;
    int first = (int) (l.bdtBase() - start);
    boolean returned = false;
    for (int i = 0; i < l.bufferCount() && !returned; i++) {
      returned =
          !known[i]
              && (control[first + i * MemProgBdt.SIZE + MemProgBdt.TOKEN] & 0xff)
                  == MemProg.TOKEN_HOST;
    }
    boolean paramBack = paramToken == MemProg.TOKEN_HOST;
    if (!returned && !paramBack) {
      return false;
    }
    // the second read: what came back (buffers, PARAM), its fields after its token
    memory.fence();
    if (table.length != control.length) {
      table = new byte[control.length];
    }
    memory.read(start, table, 0, table.length);
    if (paramBack) {
      System.arraycopy(table, (int) (param - start), paramBytes, 0, MemProgParam.SIZE);
      paramFresh = true;
    }
    for (int i = 0; i < l.bufferCount(); i++) {
      if (known[i]
          || (control[first + i * MemProgBdt.SIZE + MemProgBdt.TOKEN] & 0xff)
              != MemProg.TOKEN_HOST) {
        continue;
      }
      long at = l.bdtAddress(i);
      MemProgBdt bdt = MemProgBdt.decode(table, first + i * MemProgBdt.SIZE);
      happened = true;
      Command sender = ownerCommand[i];
      if (sender != null) {
        sender.inFlight--;
        sender.progress();
        owner[i] = -1;
        ownerCommand[i] = null;
      }
      if (bdt.status() == MemProg.BUFFER_FULL) {
        Command c = running.get(bdt.iface());
        if (c != null && c.replies != null && !c.future.isDone()) {
          c.take(i, bdt, l, memory);
        }
      }
      if (bdt.status() != MemProg.BUFFER_FREE) {
        memory.write8(at + MemProgBdt.STATUS, MemProg.BUFFER_FREE);
      }
      known[i] = true;
    }
    return happened;
  }

  private boolean sendBuffers() {
    boolean happened = false;
    MemProgLayout l = layout;
    int free = 0;
    int sending = 0;
    for (Command c : running.values()) {
      if (c.hasChunks() && !c.future.isDone()) {
        sending++;
      }
    }
    int share = Math.max(settings.buffersPerInterface(), l.bufferCount() / Math.max(1, sending));
    for (Command c : running.values()) {
      while (c.hasChunks() && c.inFlight < share && !c.future.isDone()) {
        if (c.nextIsLast() && c.inFlight > 0) {
          break;
        }
        while (free < l.bufferCount() && !(known[free] && owner[free] < 0)) {
          free++;
        }
        if (free >= l.bufferCount()) {
          return happened;
        }
        Chunk chunk = c.nextChunk();
        if (chunk.length() < 1 || chunk.length() > l.bufferSize()) {
          c.fail(
              "a buffer of "
                  + chunk.length()
                  + " bytes was asked for; the target's buffers hold "
                  + l.bufferSize());
          break;
        }
        boolean last = !c.hasChunks();
        if (chunk.data() != null) {
          memory.write(l.bufferAddress(free), chunk.data(), chunk.offset(), chunk.length());
        }
        int sequence = c.sequence(last);
        byte[] bdt =
            new MemProgBdt(
                    MemProg.TOKEN_HOST,
                    MemProg.BUFFER_FULL,
                    c.iface,
                    sequence,
                    chunk.address(),
                    chunk.length())
                .encode();
        long at = l.bdtAddress(free);
        memory.write(at + 1, bdt, 1, MemProgBdt.SIZE - 1);
        memory.fence();
        memory.write8(at + MemProgBdt.TOKEN, MemProg.TOKEN_TARGET);
        owner[free] = c.iface;
        ownerCommand[free] = c;
        known[free] = false;
        c.inFlight++;
        c.progress();
        happened = true;
      }
    }
    return happened;
  }

  private boolean finishCommands() {
    boolean happened = false;
    for (Iterator<Command> it = running.values().iterator(); it.hasNext(); ) {
      Command c = it.next();
      happened |= c.deliver();
      if (c.future.isDone()) {
        it.remove();
        happened = true;
      } else if (c.hasResult() && c.resultPass < pass) {
        c.finish(this);
        it.remove();
        happened = true;
      }
    }
    return happened;
  }

  private void timeouts() {
    long limit = settings.timeout().toNanos();
    long now = System.nanoTime();
    if (starting != null && now - starting.progress > limit) {
      starting.fail(
          "the target did not answer the START within "
              + settings.timeout()
              + " (PARAM's token is still with it)");
    }
    for (Command c : running.values()) {
      if (now - c.progress > limit) {
        c.fail(
            "no progress from the target within "
                + settings.timeout()
                + (c.hasResult()
                    ? ""
                    : c.inFlight > 0
                        ? " (" + c.inFlight + " buffers still with it)"
                        : " (no result yet)"));
      }
    }
    running.values().removeIf(c -> c.future.isDone());
  }

  String where(int iface) {
    List<TargetInterface> list = interfaces;
    return link.uri()
        + ": "
        + (iface < list.size() ? list.get(iface).label() : "interface " + iface);
  }

  /** One command, from submission to result (loop thread, but for its future). */
  private final class Command {
    final int iface;
    final int command;
    final long[] parameters;
    private final Iterator<Chunk> chunks;
    final ReplySink replies;
    final CompletableFuture<MemProgResult> future = new CompletableFuture<>();
    private Chunk peeked;
    int inFlight;
    long progress = System.nanoTime();
    private int sequence;
    private int sent;
    private MemProgParam result;
    long resultPass;
    private final Map<Integer, byte[]> answers = new HashMap<>();
    private final Map<Integer, Long> answerAddresses = new HashMap<>();
    private int expectedAnswer;
    private int delivered;

    Command(int iface, int command, long[] parameters, Iterator<Chunk> chunks, ReplySink replies) {
      this.iface = iface;
      this.command = command;
      this.parameters = parameters;
      this.chunks = chunks == null ? Collections.emptyIterator() : chunks;
      this.replies = replies;
    }

    void progress() {
      progress = System.nanoTime();
    }

    boolean hasChunks() {
      return peeked != null || chunks.hasNext();
    }

    boolean nextIsLast() {
      if (peeked == null) {
        peeked = chunks.next();
      }
      return !chunks.hasNext();
    }

    Chunk nextChunk() {
      Chunk c = peeked != null ? peeked : chunks.next();
      peeked = null;
      sent++;
      return c;
    }

    int sequence(boolean last) {
      if (last) {
        return MemProg.SEQUENCE_LAST;
      }
      int s = sequence;
      sequence = MemProg.nextSequence(sequence);
      return s;
    }

    boolean hasResult() {
      return result != null;
    }

    void result(MemProgParam r, long when) {
      result = r;
      resultPass = when;
      progress();
    }

    /** Takes an answer the target filled (a READ's data). */
    void take(int index, MemProgBdt bdt, MemProgLayout l, TargetMemory memory) {
      if (bdt.length() == 0 || bdt.length() > l.bufferSize()) {
        fail(
            String.format(
                "the target returned buffer %d with Length %d; its buffers hold %d bytes",
                index, bdt.length(), l.bufferSize()));
        return;
      }
      if (bdt.sequence() > MemProg.SEQUENCE_LAST || answers.containsKey(bdt.sequence())) {
        fail(
            String.format(
                "the target returned buffer %d with Sequence 0x%02x twice or out of range",
                index, bdt.sequence()));
        return;
      }
      byte[] data = new byte[(int) bdt.length()];
      memory.read(l.bufferAddress(index), data, 0, data.length);
      answers.put(bdt.sequence(), data);
      answerAddresses.put(bdt.sequence(), bdt.address());
      progress();
    }

    /** Hands answers to the sink in sequence order, the one numbered 0x80 after all others. */
    boolean deliver() {
      boolean happened = false;
      while (!future.isDone()) {
        int key;
        if (answers.containsKey(expectedAnswer)) {
          key = expectedAnswer;
        } else if (answers.containsKey(MemProg.SEQUENCE_LAST)
            && !hasChunks()
            && delivered == sent - 1) {
          key = MemProg.SEQUENCE_LAST;
        } else {
          return happened;
        }
        byte[] data = answers.remove(key);
        long address = answerAddresses.remove(key);
        try {
          replies.accept(address, data, data.length);
        } catch (IOException | RuntimeException e) {
          fail("the answer could not be taken: " + e.getMessage());
          return true;
        }
        delivered++;
        if (key != MemProg.SEQUENCE_LAST) {
          expectedAnswer = MemProg.nextSequence(expectedAnswer);
        }
        happened = true;
      }
      return happened;
    }

    void finish(MemProgHost host) {
      int status = result.status();
      if (status == MemProg.STATUS_BUFFER) {
        fail(
            "the target ended with BUFFER (not every buffer was free at the end); its handler said "
                + MemProg.statusName((int) result.code()));
        return;
      }
      if (status == MemProg.STATUS_OK) {
        if (replies != null && delivered != sent) {
          fail(
              "the target ended with OK having answered "
                  + delivered
                  + " of the "
                  + sent
                  + " buffers sent");
          return;
        }
        future.complete(new MemProgResult(result.code(), result.p()));
      } else {
        future.completeExceptionally(
            new MemProgCommandException(
                host.where(iface), iface, command, result.status(), result.code()));
      }
    }

    void fail(String why) {
      future.completeExceptionally(new MemProgCommandException(where(iface), iface, command, why));
    }
  }
}
