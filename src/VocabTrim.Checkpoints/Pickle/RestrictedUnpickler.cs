using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// Reads the <c>data.pkl</c> of a <c>torch.save</c> archive without executing it. A pickle is a program for a
/// stack machine whose GLOBAL and REDUCE opcodes import and call arbitrary Python; here GLOBAL resolves only
/// the handful of names a state dict needs (<see cref="TorchGlobal"/>) to inert markers, REDUCE applies only
/// those, and everything else is refused with <see cref="UnsafePickleException"/>.
/// </summary>
/// <remarks>
/// Values: Python None/bool/int/float/str/bytes become null/bool/long/double/string/byte[]; tuples become
/// <c>object?[]</c>, lists <see cref="List{T}"/>, dicts <see cref="PickleDict"/>; storages and tensors become
/// <see cref="TorchStorage"/> and <see cref="TorchTensor"/>.
/// </remarks>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] _data;
    private readonly string _path;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private readonly Dictionary<string, TorchStorage> _storages = new(StringComparer.Ordinal);
    private int _position;
    private int _opcodeStart;

    private RestrictedUnpickler(byte[] data, string path)
    {
        _data = data;
        _path = path;
    }

    /// <param name="path">The archive, for error messages.</param>
    public static object? Load(byte[] data, string path) => new RestrictedUnpickler(data, path).Run();

    private object? Run()
    {
        while (true)
        {
            _opcodeStart = _position;
            if (_position >= _data.Length) throw Error("the pickle ends without a STOP opcode");
            var opcode = (PickleOpcode)_data[_position++];
            switch (opcode)
            {
                case PickleOpcode.Proto:
                    var protocol = ReadByte();
                    if (protocol > 5) throw Error($"pickle protocol {protocol} is newer than any known (5)");
                    break;
                case PickleOpcode.Frame:
                    // Framing only groups opcodes for buffered reading; the data is all in memory already.
                    Take(8);
                    break;
                case PickleOpcode.Stop:
                    var result = Pop();
                    if (_stack.Count != 0 || _marks.Count != 0) throw Error("STOP leaves values on the stack");
                    return result;

                case PickleOpcode.Mark: _marks.Push(_stack.Count); break;
                case PickleOpcode.Pop: Pop(); break;
                case PickleOpcode.PopMark: PopMark(); break;
                case PickleOpcode.Dup: Push(Peek()); break;

                case PickleOpcode.None: Push(null); break;
                case PickleOpcode.NewTrue: Push(true); break;
                case PickleOpcode.NewFalse: Push(false); break;
                case PickleOpcode.Int: Push(ParseIntLine(ReadLine())); break;
                case PickleOpcode.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case PickleOpcode.BinInt1: Push((long)ReadByte()); break;
                case PickleOpcode.BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case PickleOpcode.Long1: Push(ReadLong(ReadByte())); break;
                case PickleOpcode.Long4:
                    Push(ReadLong(ReadLength(BinaryPrimitives.ReadInt32LittleEndian(Take(4)))));
                    break;
                case PickleOpcode.BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;

                case PickleOpcode.ShortBinUnicode: Push(Utf8(ReadByte())); break;
                case PickleOpcode.BinUnicode:
                    Push(Utf8(ReadLength(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))));
                    break;
                case PickleOpcode.BinUnicode8:
                    Push(Utf8(ReadLength(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))));
                    break;
                // Python 2 byte strings: torch only ever put ASCII in them.
                case PickleOpcode.ShortBinString: Push(Encoding.Latin1.GetString(Take(ReadByte()))); break;
                case PickleOpcode.BinString:
                    Push(Encoding.Latin1.GetString(Take(ReadLength(BinaryPrimitives.ReadInt32LittleEndian(Take(4))))));
                    break;
                case PickleOpcode.ShortBinBytes: Push(Take(ReadByte()).ToArray()); break;
                case PickleOpcode.BinBytes:
                    Push(Take(ReadLength(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))).ToArray());
                    break;
                case PickleOpcode.BinBytes8:
                    Push(Take(ReadLength(BinaryPrimitives.ReadUInt64LittleEndian(Take(8)))).ToArray());
                    break;

                case PickleOpcode.EmptyTuple: Push(Array.Empty<object?>()); break;
                case PickleOpcode.Tuple: Push(PopMark()); break;
                case PickleOpcode.Tuple1: Push(PopN(1)); break;
                case PickleOpcode.Tuple2: Push(PopN(2)); break;
                case PickleOpcode.Tuple3: Push(PopN(3)); break;
                case PickleOpcode.EmptyList: Push(new List<object?>()); break;
                case PickleOpcode.List: Push(new List<object?>(PopMark())); break;
                case PickleOpcode.Append: { var value = Pop(); Top<List<object?>>("APPEND").Add(value); break; }
                case PickleOpcode.Appends:
                    {
                        var values = PopMark();
                        Top<List<object?>>("APPENDS").AddRange(values);
                        break;
                    }
                case PickleOpcode.EmptyDict: Push(new PickleDict()); break;
                case PickleOpcode.Dict: { var dict = new PickleDict(); SetPairs(dict, PopMark()); Push(dict); break; }
                case PickleOpcode.SetItem:
                    {
                        var value = Pop();
                        var key = Pop();
                        Top<PickleDict>("SETITEM").Set(key, value);
                        break;
                    }
                case PickleOpcode.SetItems:
                    {
                        var items = PopMark();
                        SetPairs(Top<PickleDict>("SETITEMS"), items);
                        break;
                    }

                case PickleOpcode.BinPut: _memo[ReadByte()] = Peek(); break;
                case PickleOpcode.LongBinPut: _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
                case PickleOpcode.Put: _memo[ParseMemoIndex(ReadLine())] = Peek(); break;
                case PickleOpcode.Memoize: _memo[_memo.Count] = Peek(); break;
                case PickleOpcode.BinGet: Push(Memo(ReadByte())); break;
                case PickleOpcode.LongBinGet: Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case PickleOpcode.Get: Push(Memo(ParseMemoIndex(ReadLine()))); break;

                case PickleOpcode.Global:
                    {
                        var module = ReadLine();
                        var name = ReadLine();
                        Push(ResolveGlobal(module, name));
                        break;
                    }
                case PickleOpcode.StackGlobal:
                    {
                        var name = Pop() as string;
                        var module = Pop() as string;
                        if (module is null || name is null) throw Error("STACK_GLOBAL needs a module and a name");
                        Push(ResolveGlobal(module, name));
                        break;
                    }
                case PickleOpcode.Reduce:
                    {
                        var args = Pop() as object?[] ?? throw Error("REDUCE needs an argument tuple");
                        var callable = Pop();
                        Push(Call(callable, args));
                        break;
                    }
                case PickleOpcode.NewObj:
                    {
                        var args = Pop() as object?[] ?? throw Error("NEWOBJ needs an argument tuple");
                        var cls = Pop();
                        if (cls is not TorchGlobal { Kind: TorchGlobalKind.OrderedDict } || args.Length != 0)
                            throw Error($"NEWOBJ of {Describe(cls)} is not supported");
                        Push(new PickleDict());
                        break;
                    }
                case PickleOpcode.Build:
                    {
                        Pop();
                        var target = Peek();
                        // The state is dropped: an OrderedDict state dict carries its module versions as the
                        // attribute _metadata, tensors may carry Python attributes; neither matters for the weights.
                        if (target is not (PickleDict or TorchTensor))
                            throw Error($"BUILD on {Describe(target)} is not supported");
                        break;
                    }
                case PickleOpcode.BinPersId:
                    Push(PersistentLoad(Pop()));
                    break;

                default:
                    throw new UnsafePickleException(_path,
                        $"data.pkl byte {_opcodeStart}: opcode 0x{(byte)opcode:x2} ('{Printable((byte)opcode)}') is " +
                        "not one a weights file needs; refusing to load it");
            }
        }
    }

    private object ResolveGlobal(string module, string name) =>
        TorchGlobal.Resolve(module, name) ?? throw new UnsafePickleException(_path,
            $"data.pkl byte {_opcodeStart}: the pickle refers to the global '{module}.{name}', which is not one a " +
            "weights file needs; " +
            "refusing to load it (nothing was executed)");

    private object Call(object? callable, object?[] args)
    {
        if (callable is not TorchGlobal global)
            throw Error($"REDUCE calls {Describe(callable)}, which is not callable");
        switch (global.Kind)
        {
            case TorchGlobalKind.OrderedDict:
                {
                    var dict = new PickleDict();
                    if (args.Length == 1 && args[0] is List<object?> pairs)
                    {
                        foreach (var pair in pairs)
                        {
                            var kv = pair switch
                            {
                                object?[] { Length: 2 } tuple => tuple,
                                List<object?> { Count: 2 } list => list.ToArray(),
                                _ => throw Error("OrderedDict() got an item that is not a (key, value) pair"),
                            };
                            dict.Set(kv[0], kv[1]);
                        }
                    }
                    else if (args.Length != 0) throw Error("OrderedDict() got unexpected arguments");
                    return dict;
                }
            case TorchGlobalKind.RebuildTensorV2:
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (args.Length is < 6 or > 7)
                    throw Error($"_rebuild_tensor_v2 got {args.Length} arguments, not 6 or 7");
                {
                    var storage = args[0] as TorchStorage ?? throw Error("_rebuild_tensor_v2 got no storage");
                    return Tensor(storage, storage.Dtype, args);
                }
            case TorchGlobalKind.RebuildTensorV3:
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks, dtype[, metadata])
                if (args.Length is < 7 or > 8)
                    throw Error($"_rebuild_tensor_v3 got {args.Length} arguments, not 7 or 8");
                {
                    var storage = args[0] as TorchStorage ?? throw Error("_rebuild_tensor_v3 got no storage");
                    var dtype = args[6] is TorchGlobal { Kind: TorchGlobalKind.Dtype, Dtype: { } d }
                        ? d
                        : throw Error("_rebuild_tensor_v3 got no dtype");
                    return Tensor(storage, dtype, args);
                }
            case TorchGlobalKind.RebuildParameter:
            case TorchGlobalKind.RebuildParameterWithState:
                // (data, requires_grad, backward_hooks[, state]): a Parameter is its data for our purposes.
                if (args.Length < 3 || args[0] is not TorchTensor parameter)
                    throw Error($"{global.Name} got no tensor");
                return parameter;
            case TorchGlobalKind.RebuildFromTypeV2:
                // (func, new_type, args, state): a plain Tensor or Parameter rebuilt by an allowed function.
                if (args.Length != 4 || args[1] is not TorchGlobal { Kind: TorchGlobalKind.TensorType }
                    || args[2] is not object?[] inner)
                    throw Error("_rebuild_from_type_v2 got arguments it does not take");
                return Call(args[0], inner);
            default:
                throw Error($"REDUCE calls '{global.FullName}', which is not a function");
        }
    }

    private TorchTensor Tensor(TorchStorage storage, Dtype dtype, object?[] args)
    {
        if (args[1] is not long offset || offset < 0)
            throw Error("the tensor's storage offset is not a non-negative integer");
        var size = Longs(args[2], "size");
        var stride = Longs(args[3], "stride");
        if (size.Length != stride.Length)
            throw Error($"the tensor has {size.Length} sizes but {stride.Length} strides");
        return new TorchTensor(storage, dtype, offset, size, stride);
    }

    private long[] Longs(object? value, string what)
    {
        if (value is not object?[] items) throw Error($"the tensor's {what} is not a tuple");
        var result = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = items[i] is long n && n >= 0
                ? n
                : throw Error($"the tensor's {what} holds something other than non-negative integers");
        return result;
    }

    private TorchStorage PersistentLoad(object? pid)
    {
        // torch.serialization writes ('storage', storage_type, key, location, numel).
        if (pid is not object?[] { Length: 5 } t || t[0] is not "storage")
            throw Error($"persistent id {Describe(pid)} is not a storage reference");
        if (t[1] is not TorchGlobal { Kind: TorchGlobalKind.StorageType, Dtype: { } dtype })
            throw Error($"persistent id names {Describe(t[1])}, which is not a storage type");
        if (t[2] is not string key || t[3] is not string location || t[4] is not long count || count < 0)
            throw Error("persistent id is not ('storage', type, key, location, count)");
        var storage = new TorchStorage(key, dtype, count, location);
        if (_storages.TryGetValue(key, out var existing))
        {
            if (existing.Dtype != storage.Dtype || existing.ElementCount != storage.ElementCount)
                throw Error($"storage '{key}' is described twice, differently");
            return existing;
        }
        _storages.Add(key, storage);
        return storage;
    }

    private void SetPairs(PickleDict dict, object?[] items)
    {
        if (items.Length % 2 != 0) throw Error("a dict gets an odd number of keys and values");
        for (var i = 0; i < items.Length; i += 2) dict.Set(items[i], items[i + 1]);
    }

    private T Top<T>(string opcode) where T : class =>
        Peek() as T ?? throw Error($"{opcode} applies to {Describe(Peek())}");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek()
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count)) throw Error("the stack is empty");
        return _stack[^1];
    }

    private object? Pop()
    {
        var value = Peek();
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopN(int n)
    {
        var floor = _marks.Count > 0 ? _marks.Peek() : 0;
        if (_stack.Count - floor < n) throw Error($"the stack holds fewer than {n} values");
        var items = _stack.GetRange(_stack.Count - n, n).ToArray();
        _stack.RemoveRange(_stack.Count - n, n);
        return items;
    }

    private object?[] PopMark()
    {
        if (_marks.Count == 0) throw Error("no MARK to pop to");
        var mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private object? Memo(long index) =>
        _memo.TryGetValue(index, out var value)
            ? value
            : throw Error($"memo slot {index} is read before it is written");

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position) throw Error("the pickle is truncated");
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private int ReadLength(long length) =>
        length < 0 || length > _data.Length - _position ? throw Error("the pickle is truncated") : (int)length;

    private int ReadLength(ulong length) =>
        length > int.MaxValue ? throw Error("the pickle is truncated") : ReadLength((long)length);

    private string ReadLine()
    {
        var end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0) throw Error("the pickle is truncated");
        var line = Encoding.UTF8.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private string Utf8(int length)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length)); }
        catch (DecoderFallbackException) { throw Error("a string is not valid UTF-8"); }
    }

    private long ReadLong(int length)
    {
        var value = new BigInteger(Take(length), isUnsigned: false, isBigEndian: false);
        if (value < long.MinValue || value > long.MaxValue) throw Error($"the integer {value} does not fit in 64 bits");
        return (long)value;
    }

    private object ParseIntLine(string line) => line switch
    {
        // Protocol 0 spelled booleans as INT 01 and INT 00.
        "01" => true,
        "00" => false,
        _ => long.TryParse(line, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error($"INT '{line}' is not an integer"),
    };

    private long ParseMemoIndex(string line) =>
        long.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
            out var n)
            ? n
            : throw Error($"memo index '{line}' is not a number");

    private static string Describe(object? value) => value switch
    {
        TorchGlobal g => $"'{g.FullName}'",
        string s => $"'{s}'",
        object?[] t => $"a tuple of {t.Length}",
        _ => $"a value of type '{PythonTypeName(value)}'",
    };

    /// <summary>The Python type an unpickled value had, for error messages.</summary>
    public static string PythonTypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        TorchStorage => "storage",
        TorchTensor => "Tensor",
        TorchGlobal g => g.FullName,
        _ => value.GetType().Name,
    };

    private static string Printable(byte b) => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : "?";

    private CheckpointFormatException Error(string message) => new(_path, $"data.pkl byte {_opcodeStart}: {message}");
}
