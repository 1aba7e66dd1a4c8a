package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import net.voipbin.call.model.Call;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.ActionJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

/**
 * Every call-executed action of the typed contract has exactly one handler here (flow-manager's
 * ActionRoutingTest shows which types are routed to call-manager), and a missing or doubled handler
 * stops the executor from being built, i.e. call-manager from starting.
 */
class ActionExecutorTest {

    /** Every ActionHandler of this package, each built with fake collaborators. */
    static List<ActionHandler> allHandlers() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path dir = Path.of(ActionHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ActionHandler.class.getPackageName().replace('.', '/'));
        List<ActionHandler> handlers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = ActionHandler.class.getPackageName() + "." + file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(name);
                if (!ActionHandler.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                Constructor<?> constructor = type.getConstructors()[0];
                Object[] args = Stream.of(constructor.getParameterTypes()).map(p -> (Object) mock(p)).toArray();
                handlers.add((ActionHandler) constructor.newInstance(args));
            }
        }
        return handlers;
    }

    @Test
    void everyTypedActionHasExactlyOneHandler() throws Exception {
        List<ActionHandler> handlers = allHandlers();
        ActionExecutor executor = new ActionExecutor(handlers);
        Set<Action.OptionCase> expected = EnumSet.allOf(Action.OptionCase.class);
        expected.remove(Action.OptionCase.OPTION_NOT_SET);
        assertEquals(expected, executor.handlers().keySet());
        assertEquals(expected.size(), handlers.size(), "one handler class per action type");
        for (String type : ActionJson.callExecutedTypes()) {
            Action action = ActionJson.fromJson("{\"id\":\"x\",\"type\":\"" + type + "\"}");
            ActionHandler handler = executor.handlers().get(action.getOptionCase());
            assertEquals(action.getOptionCase(), handler.option(), type);
            String simple = handler.getClass().getSimpleName().toLowerCase();
            assertTrue(simple.equals(type.replace("_", "") + "handler"), type + " runs in " + handler.getClass().getSimpleName());
        }
    }

    @Test
    void aMissingHandlerStopsTheStart() throws Exception {
        List<ActionHandler> handlers = new ArrayList<>(allHandlers());
        handlers.removeIf(h -> h.option() == Action.OptionCase.RECORDING_STOP);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ActionExecutor(handlers));
        assertTrue(e.getMessage().contains("RECORDING_STOP"), e.getMessage());
    }

    @Test
    void aDoubledHandlerStopsTheStart() throws Exception {
        List<ActionHandler> handlers = new ArrayList<>(allHandlers());
        handlers.add(new SleepHandler());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ActionExecutor(handlers));
        assertTrue(e.getMessage().contains("two handlers"), e.getMessage());
    }

    @Test
    void anActionRunsInTheHandlerOfItsOption() throws Exception {
        ActionExecutor executor = new ActionExecutor(allHandlers());
        Call call = new Call();
        call.actionSeq = 4;
        ActionOutcome sleep = executor.execute(call, ActionJson.fromJson("{\"id\":\"x\",\"type\":\"sleep\",\"option\":{\"duration\":1200}}"))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(ActionOutcome.after(1200), sleep);
        ActionOutcome echo = executor.execute(call, ActionJson.fromJson("{\"id\":\"x\",\"type\":\"echo\"}"))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(ActionOutcome.after(180_000), echo, "echo without duration: 180 s");
        Uni<ActionOutcome> untyped = executor.execute(call, Action.newBuilder().setId("y").setType("talk").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> untyped.await().atMost(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("no typed option"), e.getMessage());
    }

    @Test
    void digitsReceiveIsSatisfiedByLengthOrAnEndKey() {
        var option = ActionJson.fromJson("{\"id\":\"x\",\"type\":\"digits_receive\",\"option\":{\"length\":3,\"key\":\"#\"}}")
                .getDigitsReceive();
        assertEquals(false, DigitsReceiveHandler.satisfied("12", option));
        assertEquals(true, DigitsReceiveHandler.satisfied("123", option));
        assertEquals(true, DigitsReceiveHandler.satisfied("1#", option));
    }
}
