package org.flashstack.gdb.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetTransport;
import org.flashstack.gdb.GdbRemoteMemory;
import org.flashstack.gdb.GdbRemoteMemory.Pipelining;
import org.flashstack.memprog.protocol.FixedLink;
import org.flashstack.memprog.protocol.LinkLocation;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code gdb:} scheme: {@code
 * gdb:<host>:<port>?param=0x20000000[&timeout=5000][&pipeline=0|1]}, a target reached through its
 * gdbserver (PARAM's address given, as QUERY_CAP cannot tell it). Writes are pipelined where the
 * server offers it; {@code pipeline=0} never, {@code pipeline=1} wherever no-ack mode is agreed.
 */
@Component(property = TargetTransport.SCHEME + "=gdb")
public final class GdbTransport implements TargetTransport {

  static final String SYNTAX = "gdb:<host>:<port>?param=0x20000000[&timeout=ms][&pipeline=0|1]";

  @Override
  public String scheme() {
    return "gdb";
  }

  @Override
  public String syntax() {
    return SYNTAX;
  }

  @Override
  public TargetLink open(String location) throws IOException {
    LinkLocation parsed =
        LinkLocation.parse(location, "gdb", List.of("param", "timeout", "pipeline"), SYNTAX);
    String where = parsed.where();
    int colon = where.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("gdb: needs host:port, as in " + SYNTAX);
    }
    String host = where.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(where.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "gdb: port '" + where.substring(colon + 1) + "' is not a number");
    }
    if (!parsed.numbers().containsKey("param")) {
      throw new IllegalArgumentException("gdb: needs param=<PARAM's address>, as in " + SYNTAX);
    }
    long param = parsed.number("param", 0);
    long timeout = parsed.number("timeout", 5000);
    Pipelining pipelining =
        switch ((int) parsed.number("pipeline", -1)) {
          case -1 -> Pipelining.AUTO;
          case 0 -> Pipelining.OFF;
          case 1 -> Pipelining.ON;
          default ->
              throw new IllegalArgumentException(
                  "gdb: pipeline=" + parsed.number("pipeline", -1) + " is neither 0 nor 1");
        };
    GdbRemoteMemory memory =
        GdbRemoteMemory.connect(host, port, Duration.ofMillis(timeout), pipelining);
    return new FixedLink(
        memory, param, String.format("gdb:%s:%d?param=0x%08x", host, port, param), memory::close);
  }
}
