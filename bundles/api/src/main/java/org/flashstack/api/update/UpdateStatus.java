package org.flashstack.api.update;

import java.util.List;

/**
 * The update slots, the recovery image and what booted last.
 *
 * @param slots the two slots, A then B
 * @param recovery the recovery partition's image ({@link SlotState#STAGED} when valid, else {@link
 *     SlotState#EMPTY})
 * @param lastBoot what the last boot selection chose, or null if none ran since the service started
 */
public record UpdateStatus(List<SlotStatus> slots, SlotStatus recovery, BootDecision lastBoot) {}
