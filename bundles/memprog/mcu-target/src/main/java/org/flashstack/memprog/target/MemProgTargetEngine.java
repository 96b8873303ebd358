package org.flashstack.memprog.target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.flashstack.api.memprog.MemProgBuffer;
import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgRegion;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.api.memprog.TargetMemory;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgBdt;
import org.flashstack.memprog.protocol.MemProgLayout;
import org.flashstack.memprog.protocol.MemProgParam;
import org.flashstack.memprog.protocol.TargetCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MemProgLib target loop over one target RAM: it answers commands in MEMPROG_PARAM, hands the
 * buffers the host sends to the running commands in sequence order, posts results, and hands back
 * every buffer it does not need.
 *
 * <p>The loop is a task on a scheduler: it looks at the RAM without pause while things happen, and
 * comes back at {@link TargetSettings#activePoll()} or {@link TargetSettings#idlePoll()} when
 * nothing does. Each command's handler runs on a thread of {@code handlerThreads}; a handler that
 * makes no progress within {@link TargetSettings#handlerTimeout()} is interrupted, its buffers are
 * taken back, and the command ends with ERR_TIMEOUT.
 *
 * <p>What FlashStack's target does where MemProgLib leaves room (docs/memprog.md):
 *
 * <ul>
 *   <li>a START the target refuses (an interface it does not have, an interface still busy, a
 *       command without handler) is answered at once with the error result in place of ACK;
 *   <li>a buffer with a Length of 0 or past the buffer size, or a Sequence that repeats or goes
 *       back, ends its command with ERR_PARAM; a gap is waited for (up to the buffer time limit);
 *   <li>the last buffer (0x80) is taken only when no other buffer of its interface shows up in a
 *       whole scan of the BDTs made after it was first seen;
 *   <li>buffers for an interface without a running command, buffers passed PENDING or with an
 *       unknown Status, and buffers lent FREE are handed straight back to the host, FREE;
 *   <li>a handler reaches the RAM only through its buffers, and its region only through a range
 *       check, so nothing outside either is ever written.
 * </ul>
 */
public final class MemProgTargetEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MemProgTargetEngine.class);

  private final String name;
  private final TargetMemory memory;
  private final MemProgLayout layout;
  private final int interfaceCount;
  private final IntFunction<MemProgRegion> regions;
  private final IntFunction<MemProgHandler> handlers;
  private final TargetSettings settings;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService handlerThreads;

  private final Object lock = new Object();
  private final int[] heldBy;
  private final long[] lastSeenFirst;
  private final Call[] active;
  private final Deque<byte[]> results = new ArrayDeque<>();
  private final byte[] bdt = new byte[MemProgBdt.SIZE];
  private final byte[] param = new byte[MemProgParam.SIZE];
  private long pass;
  private long lastActivity = System.nanoTime() - Long.MAX_VALUE / 2;
  private volatile boolean closed;
  private volatile Future<?> loop;

  /**
   * @param name the target's name, for the log
   * @param memory its RAM
   * @param layout where PARAM, the BDTs and the buffers are in it
   * @param interfaceCount how many interfaces it has (0 to 256)
   * @param regions the region interface {@code i} is bound to now (looked up at each START)
   * @param handlers the handler of a command code, or {@code null} for none
   * @param settings limits and pace
   * @param scheduler runs the loop
   * @param handlerThreads runs the handlers, one thread per running command
   */
  public MemProgTargetEngine(
      String name,
      TargetMemory memory,
      MemProgLayout layout,
      int interfaceCount,
      IntFunction<MemProgRegion> regions,
      IntFunction<MemProgHandler> handlers,
      TargetSettings settings,
      ScheduledExecutorService scheduler,
      ExecutorService handlerThreads) {
    if (interfaceCount < 0 || interfaceCount > 256) {
      throw new IllegalArgumentException(
          name + ": a target has 0 to 256 interfaces, not " + interfaceCount);
    }
    this.name = Objects.requireNonNull(name);
    this.memory = Objects.requireNonNull(memory);
    this.layout = Objects.requireNonNull(layout);
    this.interfaceCount = interfaceCount;
    this.regions = Objects.requireNonNull(regions);
    this.handlers = Objects.requireNonNull(handlers);
    this.settings = Objects.requireNonNull(settings);
    this.scheduler = Objects.requireNonNull(scheduler);
    this.handlerThreads = Objects.requireNonNull(handlerThreads);
    this.heldBy = new int[layout.bufferCount()];
    this.lastSeenFirst = new long[layout.bufferCount()];
    this.active = new Call[Math.max(interfaceCount, 1)];
    java.util.Arrays.fill(heldBy, -1);
    java.util.Arrays.fill(lastSeenFirst, -1);
  }

  /**
   * Clears PARAM (host's, IDLE) and every BDT (host's, FREE), as MemProgLib's init does, and starts
   * the loop.
   *
   * @throws IndexOutOfBoundsException if the layout does not fit the RAM
   */
  public void start() {
    memory.write(layout.paramAddress(), new byte[MemProgParam.SIZE], 0, MemProgParam.SIZE);
    byte[] bdts = new byte[layout.bufferCount() * MemProgBdt.SIZE];
    memory.write(layout.bdtBase(), bdts, 0, bdts.length);
    memory.read(layout.bufferAddress(layout.bufferCount() - 1), new byte[1], 0, 1);
    memory.read(
        layout.bufferAddress(layout.bufferCount() - 1) + layout.bufferSize() - 1,
        new byte[1],
        0,
        1);
    memory.fence();
    loop = scheduler.submit(this::run);
    LOG.info("{}: MemProgLib target up, {}, {} interfaces", name, layout, interfaceCount);
  }

  /**
   * @return the layout
   */
  public MemProgLayout layout() {
    return layout;
  }

  /**
   * @return what QUERY_CAP answers
   */
  public MemProgResult capabilities() {
    return new MemProgResult(
        MemProg.VERSION, layout.bdtBase(), layout.bufferBase(), layout.capabilitiesP3());
  }

  /** Stops the loop and ends every running command; the RAM keeps what it holds. */
  @Override
  public void close() {
    closed = true;
    Future<?> running = loop;
    if (running != null) {
      running.cancel(false);
    }
    synchronized (lock) {
      for (int i = 0; i < active.length; i++) {
        if (active[i] != null) {
          active[i].end();
          active[i] = null;
        }
      }
    }
  }

  private void run() {
    if (closed) {
      return;
    }
    long spin = settings.spin().toNanos();
    try {
      // one pass; then, while things happened in the last spin period, pass on without a pause
      do {
        if (pass()) {
          lastActivity = System.nanoTime();
        } else {
          Thread.onSpinWait();
        }
      } while (!closed && System.nanoTime() - lastActivity < spin);
    } catch (RuntimeException e) {
      LOG.error("{}: MemProgLib loop failed; it goes on at the next poll", name, e);
    }
    if (!closed) {
      long delay = (busy() ? settings.activePoll() : settings.idlePoll()).toNanos();
      loop = scheduler.schedule(this::run, Math.max(delay, 1), TimeUnit.NANOSECONDS);
    }
  }

  private boolean busy() {
    synchronized (lock) {
      for (Call call : active) {
        if (call != null) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * One look at PARAM and every BDT; what the public implementation's StaticRun does.
   *
   * @return whether anything happened
   */
  boolean pass() {
    pass++;
    boolean happened = serveParam();
    happened |= scanBuffers();
    happened |= superviseCalls();
    return happened;
  }

  // ---- PARAM

  private boolean serveParam() {
    long at = layout.paramAddress();
    if (memory.read8(at + MemProgParam.TOKEN) != MemProg.TOKEN_TARGET) {
      return false;
    }
    memory.fence();
    memory.read(at, param, 0, MemProgParam.SIZE);
    int status = param[MemProgParam.STATUS] & 0xff;
    if (status == MemProg.STATUS_START) {
      start(MemProgParam.decode(param, 0));
    } else {
      byte[] result;
      synchronized (lock) {
        result = results.poll();
      }
      if (result != null) {
        memory.write(at + 1, result, 1, MemProgParam.SIZE - 1);
      } else if (status != MemProg.STATUS_IDLE) {
        if (!MemProg.isResult(status)) {
          LOG.warn(
              "{}: the host passed PARAM with status {}; taken as IDLE",
              name,
              MemProg.statusName(status));
        }
        memory.write8(at + MemProgParam.STATUS, MemProg.STATUS_IDLE);
      }
    }
    memory.fence();
    memory.write8(at + MemProgParam.TOKEN, MemProg.TOKEN_HOST);
    return true;
  }

  private void start(MemProgParam command) {
    int iface = command.iface();
    int code = command.command();
    long at = layout.paramAddress();
    MemProgException refusal = null;
    MemProgHandler handler = null;
    if (iface >= interfaceCount) {
      refusal =
          refuse(
              MemProgException.ERR_PARAM,
              TargetCode.NO_INTERFACE,
              "interface " + iface + " (there are " + interfaceCount + ")");
    } else if (active[iface] != null) {
      refusal =
          refuse(
              MemProgException.ERR_PARAM,
              TargetCode.INTERFACE_BUSY,
              "interface "
                  + iface
                  + " is still running "
                  + MemProg.commandName(active[iface].command));
    } else if (code != MemProg.CMD_DESCRIBE && (handler = handlers.apply(code)) == null) {
      refusal =
          new MemProgException(
              MemProgException.ERR_IMPLEMENTATION,
              0,
              "no handler for " + MemProg.commandName(code));
    }
    if (refusal != null) {
      LOG.warn("{}: {} refused: {}", name, MemProg.commandName(code), refusal.getMessage());
      memory.write8(at + MemProgParam.STATUS, refusal.status());
      memory.write32(at + MemProgParam.CODE, refusal.code());
      return;
    }
    MemProgRegion region = regions.apply(iface);
    Call call = new Call(iface, command, region, handler);
    synchronized (lock) {
      active[iface] = call;
    }
    memory.write8(at + MemProgParam.STATUS, MemProg.STATUS_ACK);
    call.future = handlerThreads.submit(call::run);
  }

  private static MemProgException refuse(int status, TargetCode code, String what) {
    return new MemProgException(status, code.value(), code.meaning() + ": " + what);
  }

  private void post(int iface, int command, int status, long code, long[] p) {
    byte[] result = new MemProgParam(MemProg.TOKEN_HOST, status, iface, command, code, p).encode();
    synchronized (lock) {
      results.add(result);
    }
  }

  // ---- buffers

  private boolean scanBuffers() {
    boolean happened = false;
    List<Candidate> candidates = null;
    for (int i = 0; i < layout.bufferCount(); i++) {
      if (heldBy[i] >= 0) {
        continue;
      }
      long at = layout.bdtAddress(i);
      if (memory.read8(at + MemProgBdt.TOKEN) != MemProg.TOKEN_TARGET) {
        lastSeenFirst[i] = -1;
        continue;
      }
      memory.fence();
      memory.read(at, bdt, 0, MemProgBdt.SIZE);
      MemProgBdt descriptor = MemProgBdt.decode(bdt, 0);
      Call call = descriptor.iface() < interfaceCount ? active[descriptor.iface()] : null;
      if (descriptor.status() == MemProg.BUFFER_FULL && call != null && call.takesBuffers()) {
        if (candidates == null) {
          candidates = new ArrayList<>();
        }
        if (lastSeenFirst[i] < 0) {
          lastSeenFirst[i] = pass;
        }
        candidates.add(new Candidate(i, descriptor, lastSeenFirst[i]));
        continue;
      }
      if (descriptor.status() != MemProg.BUFFER_FREE) {
        LOG.warn(
            "{}: buffer {} passed {} for interface {} ({}); handed back FREE",
            name,
            i,
            descriptor.status() == MemProg.BUFFER_FULL
                ? "FULL"
                : "with status " + descriptor.status(),
            descriptor.iface(),
            call == null ? "no command runs there" : "its command takes no more buffers");
      }
      handBack(i);
      happened = true;
    }
    if (candidates != null) {
      for (int iface = 0; iface < interfaceCount; iface++) {
        Call call = active[iface];
        if (call == null) {
          continue;
        }
        List<Candidate> mine = new ArrayList<>();
        for (Candidate candidate : candidates) {
          if (candidate.bdt.iface() == iface) {
            mine.add(candidate);
          }
        }
        if (!mine.isEmpty()) {
          happened |= call.offer(mine);
        }
      }
    }
    return happened;
  }

  /** Hands buffer {@code index} back to the host, FREE. */
  private void handBack(int index) {
    long at = layout.bdtAddress(index);
    synchronized (lock) {
      memory.write8(at + MemProgBdt.STATUS, MemProg.BUFFER_FREE);
      memory.fence();
      memory.write8(at + MemProgBdt.TOKEN, MemProg.TOKEN_HOST);
      heldBy[index] = -1;
      lastSeenFirst[index] = -1;
    }
  }

  private record Candidate(int index, MemProgBdt bdt, long firstSeen) {}

  // ---- commands

  private boolean superviseCalls() {
    boolean happened = false;
    long now = System.nanoTime();
    for (int iface = 0; iface < interfaceCount; iface++) {
      Call call = active[iface];
      if (call == null) {
        continue;
      }
      if (call.future != null && call.future.isDone()) {
        call.finish();
        happened = true;
      } else if (call.failure != null) {
        call.end();
        post(iface, call.command, call.failure.status(), call.failure.code(), new long[6]);
        happened = true;
      } else if (!call.waitingForBuffer
          && now - call.progress > settings.handlerTimeout().toNanos()) {
        LOG.warn(
            "{}: interface {}: {} made no progress for {}; ended with ERR_TIMEOUT",
            name,
            iface,
            MemProg.commandName(call.command),
            settings.handlerTimeout());
        call.end();
        post(
            iface,
            call.command,
            MemProg.STATUS_ERR_TIMEOUT,
            TargetCode.HANDLER_TIMEOUT.value(),
            new long[6]);
        happened = true;
      }
    }
    return happened;
  }

  /** One command on one interface, from START to its result. */
  private final class Call implements MemProgCall {
    final int iface;
    final int command;
    private final long[] parameters;
    private final MemProgRegion region;
    private final MemProgHandler handler;
    private final LinkedBlockingQueue<Buffer> delivered = new LinkedBlockingQueue<>();
    private final List<Buffer> held = new ArrayList<>();
    volatile Future<?> future;
    volatile long progress = System.nanoTime();
    volatile MemProgException failure;

    /** While the handler waits in next(), which has its own limit, the progress limit rests. */
    volatile boolean waitingForBuffer;

    private volatile MemProgResult result;
    private volatile MemProgException error;
    private int expected;
    private boolean lastTaken;
    private boolean lastHandedOut;
    private int responseSequence;
    private boolean ended;

    Call(int iface, MemProgParam start, MemProgRegion region, MemProgHandler handler) {
      this.iface = iface;
      this.command = start.command();
      this.parameters = new long[6];
      for (int n = 1; n <= 6; n++) {
        parameters[n - 1] = start.parameter(n);
      }
      this.region = new CheckedRegion(region, this::progressed);
      this.handler = handler;
    }

    void progressed() {
      progress = System.nanoTime();
    }

    boolean takesBuffers() {
      return !lastTaken && failure == null;
    }

    /** Takes the buffers that are next in sequence (loop thread). */
    boolean offer(List<Candidate> candidates) {
      for (Candidate candidate : candidates) {
        MemProgBdt b = candidate.bdt;
        if (b.length() == 0 || b.length() > layout.bufferSize()) {
          return fail(
              TargetCode.BAD_LENGTH,
              String.format(
                  "buffer %d has Length %d; the buffers hold %d bytes",
                  candidate.index, b.length(), layout.bufferSize()));
        }
        if (b.sequence() > MemProg.SEQUENCE_LAST) {
          return fail(
              TargetCode.SEQUENCE,
              String.format("buffer %d has Sequence 0x%02x", candidate.index, b.sequence()));
        }
      }
      boolean took = false;
      boolean again = true;
      while (again) {
        again = false;
        for (Candidate candidate : candidates) {
          if (candidate.bdt.sequence() == expected && !candidate.bdt.isLast()) {
            take(candidate, false);
            candidates = without(candidates, candidate);
            expected = MemProg.nextSequence(expected);
            took = again = true;
            break;
          }
        }
      }
      for (Candidate candidate : candidates) {
        if (candidate.bdt.isLast()) {
          if (candidates.size() == 1 && candidate.firstSeen < pass) {
            take(candidate, true);
            return true;
          }
        } else if (((candidate.bdt.sequence() - expected) & MemProg.SEQUENCE_MAX) >= 64) {
          return fail(
              TargetCode.SEQUENCE,
              String.format(
                  "buffer %d has Sequence %d, already taken (next expected: %d)",
                  candidate.index, candidate.bdt.sequence(), expected));
        }
      }
      return took;
    }

    private List<Candidate> without(List<Candidate> list, Candidate gone) {
      List<Candidate> rest = new ArrayList<>(list);
      rest.remove(gone);
      return rest;
    }

    private boolean fail(TargetCode code, String what) {
      LOG.warn(
          "{}: interface {}: {}: {}; the command ends with ERR_PARAM",
          name,
          iface,
          code.meaning(),
          what);
      failure = new MemProgException(MemProgException.ERR_PARAM, code.value(), what);
      return true;
    }

    private void take(Candidate candidate, boolean last) {
      Buffer buffer = new Buffer(this, candidate.index, candidate.bdt, last);
      synchronized (lock) {
        heldBy[candidate.index] = iface;
        held.add(buffer);
      }
      lastTaken |= last;
      delivered.add(buffer);
      progressed();
    }

    /** The handler thread's work. */
    void run() {
      try {
        result = command == MemProg.CMD_DESCRIBE ? describe() : handler.run(this);
        if (result == null) {
          result = MemProgResult.OK;
        }
      } catch (MemProgException e) {
        error = e;
      } catch (InterruptedException e) {
        error =
            new MemProgException(
                MemProgException.ERR_TIMEOUT, TargetCode.STOPPING.value(), "interrupted");
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        LOG.error(
            "{}: interface {}: the {} handler failed",
            name,
            iface,
            MemProg.commandName(command),
            e);
        error = new MemProgException(MemProgException.ERR_OTHER, 0, e.toString());
      }
    }

    /** Posts the handler's result (loop thread). */
    void finish() {
      int status;
      long code;
      long[] p = new long[6];
      if (error != null) {
        status = error.status();
        code = error.code();
        LOG.info(
            "{}: interface {}: {} ended with {} ({}): {}",
            name,
            iface,
            MemProg.commandName(command),
            MemProg.statusName(status),
            TargetCode.describe(code),
            error.getMessage());
      } else {
        status = MemProg.STATUS_OK;
        code = result.code();
        p = result.p();
      }
      if (end() > 0 && error == null) {
        // the handler said OK but kept buffers it should have handed back
        code = status;
        status = MemProg.STATUS_BUFFER;
      }
      post(iface, command, status, code, p);
    }

    /**
     * Ends the command: the handler is interrupted if still running, every buffer it holds is
     * handed back FREE, and the interface is free again.
     *
     * @return how many buffers the handler still held
     */
    int end() {
      int returned;
      synchronized (lock) {
        ended = true;
        returned = held.size();
        for (Buffer buffer : new ArrayList<>(held)) {
          buffer.giveBack();
        }
        if (active[iface] == this) {
          active[iface] = null;
        }
      }
      Future<?> running = future;
      if (running != null && !running.isDone()) {
        running.cancel(true);
      }
      return returned;
    }

    // ---- MemProgCall

    @Override
    public int iface() {
      return iface;
    }

    @Override
    public int command() {
      return command;
    }

    @Override
    public long parameter(int n) {
      if (n < 1 || n > 6) {
        throw new IllegalArgumentException("P1 to P6, not P" + n);
      }
      return parameters[n - 1];
    }

    @Override
    public MemProgRegion region() {
      return region;
    }

    @Override
    public int bufferSize() {
      return layout.bufferSize();
    }

    @Override
    public MemProgResult capabilities() {
      return MemProgTargetEngine.this.capabilities();
    }

    @Override
    public MemProgBuffer next() throws MemProgException, InterruptedException {
      if (lastHandedOut) {
        return null;
      }
      Buffer buffer;
      waitingForBuffer = true;
      try {
        buffer = delivered.poll(settings.bufferTimeout().toNanos(), TimeUnit.NANOSECONDS);
      } finally {
        waitingForBuffer = false;
        progressed();
      }
      if (buffer == null) {
        MemProgException failed = failure;
        if (failed != null) {
          throw failed;
        }
        throw new MemProgException(
            MemProgException.ERR_TIMEOUT,
            TargetCode.NO_BUFFER.value(),
            "interface " + iface + ": no buffer from the host within " + settings.bufferTimeout());
      }
      progressed();
      lastHandedOut = buffer.last;
      return buffer;
    }

    /**
     * @return the response sequence number for the next reply
     */
    int responseSequence(boolean last) {
      if (last) {
        return MemProg.SEQUENCE_LAST;
      }
      int sequence = responseSequence;
      responseSequence = MemProg.nextSequence(responseSequence);
      return sequence;
    }

    MemProgResult describe() throws MemProgException, InterruptedException {
      if (parameter(1) != 0) {
        MemProgBuffer request = next();
        if (request != null) {
          byte[] text = region.description().getBytes(StandardCharsets.UTF_8);
          request.reply(0, text, 0, Math.min(text.length, request.length()));
        }
      }
      return new MemProgResult(
          0,
          interfaceCount,
          region.size(),
          region.eraseSize(),
          region.readOnly() ? MemProg.DESCRIBE_READ_ONLY : 0);
    }
  }

  /** A buffer a handler holds. */
  private final class Buffer implements MemProgBuffer {
    private final Call call;
    private final int index;
    private final MemProgBdt descriptor;
    final boolean last;
    private boolean valid = true;

    Buffer(Call call, int index, MemProgBdt descriptor, boolean last) {
      this.call = call;
      this.index = index;
      this.descriptor = descriptor;
      this.last = last;
    }

    @Override
    public long address() {
      return descriptor.address();
    }

    @Override
    public int length() {
      return (int) descriptor.length();
    }

    @Override
    public int sequence() {
      return descriptor.sequence();
    }

    @Override
    public boolean last() {
      return last;
    }

    @Override
    public void read(byte[] destination, int offset) {
      Objects.checkFromIndexSize(offset, length(), destination.length);
      synchronized (lock) {
        checkValid();
        memory.read(layout.bufferAddress(index), destination, offset, length());
      }
      call.progressed();
    }

    @Override
    public void release() {
      synchronized (lock) {
        checkValid();
        giveBack();
      }
      call.progressed();
    }

    @Override
    public void reply(long address, byte[] source, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, source.length);
      if (length > layout.bufferSize()) {
        throw new IllegalArgumentException(
            length + " bytes do not fit a " + layout.bufferSize() + "-byte buffer");
      }
      synchronized (lock) {
        checkValid();
        long bdtAt = layout.bdtAddress(index);
        memory.write(layout.bufferAddress(index), source, offset, length);
        byte[] header =
            new MemProgBdt(
                    MemProg.TOKEN_TARGET,
                    MemProg.BUFFER_FULL,
                    call.iface,
                    call.responseSequence(last),
                    address,
                    length)
                .encode();
        memory.write(bdtAt + 1, header, 1, MemProgBdt.SIZE - 1);
        memory.fence();
        memory.write8(bdtAt + MemProgBdt.TOKEN, MemProg.TOKEN_HOST);
        forget();
      }
      call.progressed();
    }

    /** Hands the buffer back FREE (lock held). */
    void giveBack() {
      if (valid) {
        handBack(index);
        forget();
      }
    }

    /** Drops the handler's hold on the buffer (lock held). */
    private void forget() {
      valid = false;
      heldBy[index] = -1;
      lastSeenFirst[index] = -1;
      call.held.remove(this);
    }

    private void checkValid() {
      if (!valid || call.ended) {
        throw new IllegalStateException(
            "buffer " + index + " was already handed back (or its command ended)");
      }
    }
  }

  @Override
  public String toString() {
    return name + ": " + layout;
  }
}
