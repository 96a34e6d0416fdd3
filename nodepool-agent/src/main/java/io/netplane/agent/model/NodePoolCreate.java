package io.netplane.agent.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An ACK node pool the agent creates and keeps in shape.
 *
 * @param vSwitchIds the nodes' vSwitches (not the pods')
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodePoolCreate(
    String name, List<String> instanceTypes, Long desiredSize, List<String> vSwitchIds) {}
