package org.flashstack.memprog.target.handlers;

import org.flashstack.api.memprog.MemProgCall;
import org.flashstack.api.memprog.MemProgException;
import org.flashstack.api.memprog.MemProgHandler;
import org.flashstack.api.memprog.MemProgResult;
import org.osgi.service.component.annotations.Component;

/** MASS_ERASE (0x00): erases the interface's whole region. */
@Component(property = MemProgHandler.COMMAND + ":Integer=0")
public final class MassEraseHandler implements MemProgHandler {

  @Override
  public MemProgResult run(MemProgCall call) throws MemProgException {
    Erasing.erase(call.region(), 0, call.region().size());
    return MemProgResult.OK;
  }
}
