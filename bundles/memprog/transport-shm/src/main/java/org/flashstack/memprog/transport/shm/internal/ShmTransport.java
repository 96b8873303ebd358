package org.flashstack.memprog.transport.shm.internal;

import java.io.IOException;
import org.flashstack.api.memprog.TargetLink;
import org.flashstack.api.memprog.TargetTransport;
import org.flashstack.memprog.transport.shm.ShmLocation;
import org.osgi.service.component.annotations.Component;

/** The {@code shm:} scheme: a target whose RAM is a file this process maps too. */
@Component(property = TargetTransport.SCHEME + "=shm")
public final class ShmTransport implements TargetTransport {

  @Override
  public String scheme() {
    return "shm";
  }

  @Override
  public String syntax() {
    return ShmLocation.SYNTAX;
  }

  @Override
  public TargetLink open(String location) throws IOException {
    return ShmLocation.parse(location).open();
  }
}
