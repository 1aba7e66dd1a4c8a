package net.voipbin.common.security;

import java.util.List;

/**
 * One thing a service must not run with in production (a default password, a development key). Every bean of this
 * type is asked at start by {@link ProductionSafety}; a service adds its own by declaring one.
 */
public interface StartupSafetyCheck {

    /** What is unsafe, each phrased for the operator with the setting that fixes it; empty when all is well. */
    List<String> problems();
}
