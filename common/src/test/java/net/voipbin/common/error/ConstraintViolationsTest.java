package net.voipbin.common.error;

import io.grpc.Status;
import io.vertx.mysqlclient.MySQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Database constraint violations as the caller's conflict (409), whichever client raised them. */
class ConstraintViolationsTest {

    static Status.Code code(Throwable t) {
        return Errors.fromConstraintViolation(t).orElseThrow().getStatus().getCode();
    }

    @Test
    void aDuplicateKeyIsAlreadyExistsFromEveryClient() {
        String message = "Duplicate entry 'alice' for key 'idx_agent_username'";
        // the Vert.x reactive client
        assertEquals(Status.Code.ALREADY_EXISTS, code(new MySQLException(message, 1062, "23000")));
        // Hibernate (Reactive converts to a JDBC SQLException under its ConstraintViolationException)
        assertEquals(Status.Code.ALREADY_EXISTS, code(new ConstraintViolationException("could not execute statement",
                new SQLException(message, "23000", 1062), "idx_agent_username")));
        // JDBC, wrapped as a failed stage
        assertEquals(Status.Code.ALREADY_EXISTS, code(new CompletionException(
                new SQLIntegrityConstraintViolationException(message, "23000", 1062))));
        assertEquals(409, Errors.httpStatus(Errors.fromConstraintViolation(new MySQLException(message, 1062, "23000"))
                .orElseThrow().getStatus()));
        // the database's words (table, index, the value) stay inside
        assertFalse(Errors.fromConstraintViolation(new MySQLException(message, 1062, "23000")).orElseThrow()
                .getStatus().getDescription().contains("alice"));
    }

    @Test
    void otherIntegrityViolationsAreFailedPreconditionAlso409() {
        assertEquals(Status.Code.FAILED_PRECONDITION, code(new MySQLException("Cannot add or update a child row", 1452, "23000")));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(new MySQLException("CONSTRAINT `c` failed", 4025, "23000")));
    }

    @Test
    void anythingElseIsNoConstraintViolation() {
        assertTrue(Errors.fromConstraintViolation(new IllegalStateException("boom")).isEmpty());
        assertTrue(Errors.fromConstraintViolation(new MySQLException("Deadlock found", 1213, "40001")).isEmpty());
        assertTrue(Errors.fromConstraintViolation(new SQLException("connection lost", "08S01", 0)).isEmpty());
    }
}
