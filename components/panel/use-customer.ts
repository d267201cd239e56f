import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '@/components/client-context';
import type { MessageInput, MessageType } from '@/utils/messaging/protocol';

export const customerQueryKey = (identityId: string) => ['customer', identityId] as const;

export function useCustomerDetail(identityId: string) {
  const client = useClient();
  return useQuery({
    queryKey: customerQueryKey(identityId),
    queryFn: () => client.send('customer.detail', { identityId }),
  });
}

/** A change to the customer shown; the panel reloads the record when it lands. */
export function useCustomerChange<T extends MessageType>(identityId: string, type: T) {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MessageInput<T>) => client.send(type, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerQueryKey(identityId) }),
  });
}
