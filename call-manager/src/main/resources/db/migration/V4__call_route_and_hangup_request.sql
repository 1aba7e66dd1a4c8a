-- route_index: which of the PSTN routes the call is dialled through (failover moves to the next).
-- far_end_hanging_up: Asterisk announced the channel's hangup (ChannelHangupRequest) before it is
-- destroyed; the flow must not run another action on a dying channel.
ALTER TABLE `call`
  ADD COLUMN route_index         INT          NOT NULL DEFAULT 0,
  ADD COLUMN far_end_hanging_up  BOOLEAN      NOT NULL DEFAULT FALSE;
