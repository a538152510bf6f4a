package io.kserve4j.graph.gjson.internal;

import io.kserve4j.graph.gjson.JsonType;
import io.kserve4j.graph.gjson.internal.Ast.Op;
import io.kserve4j.graph.gjson.internal.Ast.Query;
import io.kserve4j.graph.gjson.internal.Ast.Tilde;
import org.jspecify.annotations.Nullable;

/**
 * A query's test on one element's value, as GJSON's {@code queryMatches}: the value's own type
 * decides how the query's right-hand side is read (a string compares as text, a number as Go's
 * {@code ParseFloat} of the text, true/false by name).
 */
final class Queries {
  private Queries() {}

  static boolean test(Query q, @Nullable Val value) {
    String rhs = q.value;
    double rhsNumber = q.number;
    JsonType type = value == null ? JsonType.NULL : Values.type(value);
    if (q.tilde != Tilde.NONE) {
      if (q.tilde == Tilde.INVALID) {
        return false;
      }
      boolean ish =
          switch (q.tilde) {
            case ANY -> value != null;
            case NULL -> type == JsonType.NULL;
            case TRUE -> value != null && trueish(value, type);
            default -> value == null || falseish(value, type);
          };
      rhs = "true";
      type = ish ? JsonType.TRUE : JsonType.FALSE;
    } else if (value == null) {
      return false;
    }
    if (q.op == Op.EXISTS) {
      return true;
    }
    return switch (type) {
      case STRING -> {
        String str = Values.string(value(value));
        yield switch (q.op) {
          case EQ -> str.equals(rhs);
          case NE -> !str.equals(rhs);
          case LT -> compare(str, rhs) < 0;
          case LE -> compare(str, rhs) <= 0;
          case GT -> compare(str, rhs) > 0;
          case GE -> compare(str, rhs) >= 0;
          case LIKE -> Glob.match(str, rhs);
          case NOT_LIKE -> !Glob.match(str, rhs);
          case EXISTS -> true;
        };
      }
      case NUMBER -> {
        double n = Values.number(value(value));
        yield switch (q.op) {
          case EQ -> n == rhsNumber;
          case NE -> n != rhsNumber;
          case LT -> n < rhsNumber;
          case LE -> n <= rhsNumber;
          case GT -> n > rhsNumber;
          case GE -> n >= rhsNumber;
          default -> false;
        };
      }
      case TRUE ->
          switch (q.op) {
            case EQ -> rhs.equals("true");
            case NE -> !rhs.equals("true");
            case GT -> rhs.equals("false");
            case GE -> true;
            default -> false;
          };
      case FALSE ->
          switch (q.op) {
            case EQ -> rhs.equals("false");
            case NE -> !rhs.equals("false");
            case LT -> rhs.equals("true");
            case LE -> true;
            default -> false;
          };
      default -> false;
    };
  }

  private static Val value(@Nullable Val v) {
    if (v == null) {
      throw new IllegalStateException("a string or number query value exists");
    }
    return v;
  }

  private static boolean trueish(Val v, JsonType type) {
    return switch (type) {
      case TRUE -> true;
      case STRING -> Boolean.TRUE.equals(Values.parseBool(Values.string(v)));
      case NUMBER -> Values.number(v) != 0;
      default -> false;
    };
  }

  private static boolean falseish(Val v, JsonType type) {
    return switch (type) {
      case NULL, FALSE -> true;
      case STRING -> Boolean.FALSE.equals(Values.parseBool(Values.string(v)));
      case NUMBER -> Values.number(v) == 0;
      default -> false;
    };
  }

  /** Go's string order: bytes of UTF-8, which is code point order. */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
