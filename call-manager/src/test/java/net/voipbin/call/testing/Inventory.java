package net.voipbin.call.testing;

import io.quarkus.arc.Arc;
import io.vertx.core.Vertx;
import net.voipbin.call.service.AvailableNumberService;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.validation.PhoneNumbers;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Numbers for tests: fresh valid US numbers, provisioned into the operator's inventory or not. */
public final class Inventory {

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(400_000));

    private Inventory() {
    }

    /** A fresh valid US number (+1 415 2xx xxxx), never handed out twice in this JVM, not provisioned. */
    public static String unprovisioned() {
        while (true) {
            String candidate = "+14152" + String.format("%06d", NEXT.getAndIncrement() % 1_000_000);
            if (PhoneNumbers.isE164(candidate)) {
                return candidate;
            }
        }
    }

    /** A fresh number an operator put into the inventory: a customer may buy it. */
    public static String provisioned() {
        String number = unprovisioned();
        provision(number);
        return number;
    }

    public static void provision(String number) {
        AvailableNumberService inventory = Arc.container().instance(AvailableNumberService.class).get();
        Vertx vertx = Arc.container().instance(Vertx.class).get();
        OnVertx.run(vertx, () -> inventory.provision(number, "CA", "94105", List.of("voice")));
    }

    /** A random virtual number outside the reserved +899000 block. */
    public static String virtual() {
        return "+899" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000, 1_000_000_000));
    }
}
