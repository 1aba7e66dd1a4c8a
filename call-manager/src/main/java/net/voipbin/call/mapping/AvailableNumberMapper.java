package net.voipbin.call.mapping;

import net.voipbin.call.model.AvailableNumber;

import java.util.Arrays;

/** Inventory row to the RPC message (its PublicJson is openapi NumberManagerAvailableNumber). */
public final class AvailableNumberMapper {

    private AvailableNumberMapper() {
    }

    public static net.voipbin.proto.call.v1.AvailableNumber toProto(AvailableNumber row) {
        var out = net.voipbin.proto.call.v1.AvailableNumber.newBuilder()
                .setNumber(row.number)
                .setCountry(NumberMapper.nz(row.country))
                .setRegion(NumberMapper.nz(row.region))
                .setPostalCode(NumberMapper.nz(row.postalCode));
        if (row.features != null && !row.features.isBlank()) {
            out.addAllFeatures(Arrays.asList(row.features.split(",")));
        }
        return out.build();
    }
}
