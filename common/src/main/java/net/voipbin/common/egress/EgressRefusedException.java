package net.voipbin.common.egress;

/** A URL the egress policy does not let a customer's request reach; the message says why, for the customer. */
public class EgressRefusedException extends RuntimeException {

    public EgressRefusedException(String message) {
        super(message);
    }
}
