/// Buffers outside Swift's reference counting, for data the matcher reads in its inner loop.
/// Always allocated with room for at least one element, so `baseAddress` is never nil.
enum UnmanagedBuffer {
  static func make<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
    let b = UnsafeMutableBufferPointer(start: p, count: a.count)
    _ = b.initialize(from: a)
    return b
  }

  static func free<T>(_ b: UnsafeMutableBufferPointer<T>) {
    guard let p = b.baseAddress else { return }
    p.deinitialize(count: b.count)
    p.deallocate()
  }
}
